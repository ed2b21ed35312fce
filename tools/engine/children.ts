// Child processes the engine and scan start: killed when our own process exits, so that a
// caller that throws (or a test that fails) before cleaning up leaves no pack or program behind.
import type { ChildProcess } from "child_process";

const live = new Set<ChildProcess>();
let hookInstalled = false;

export function trackChild(child: ChildProcess): void {
    live.add(child);
    child.once("exit", () => live.delete(child));
    if (!hookInstalled) {
        hookInstalled = true;
        process.once("exit", () => {
            for (const c of live) c.kill("SIGKILL");
        });
    }
}
