// Paths as code-scanning services read them: relative to the repository root, forward slashes.
// GitHub resolves artifact URIs from the repository root and ignores uriBaseId.
import * as fs from "fs";
import * as path from "path";

/** The nearest directory up from `from` holding .git (a directory, or a file in worktrees and submodules). */
export function gitTopLevel(from: string): string | undefined {
    let dir = path.resolve(from);
    for (;;) {
        if (fs.existsSync(path.join(dir, ".git"))) return dir;
        const up = path.dirname(dir);
        if (up === dir) return undefined;
        dir = up;
    }
}

export function repoRelative(absolute: string, root: string): string {
    return path.relative(root, absolute).split(path.sep).join("/");
}
