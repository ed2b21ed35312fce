#!/usr/bin/env node
// `npm run docs` (after `npm run build`): writes docs/policies.md from the compiled registry.
import * as fs from "fs";
import * as path from "path";
import { controls } from "../../policies";
import { renderPolicyReference } from "./policy-reference";

/** The package root, from dist/tools/docs (compiled) or tools/docs (ts-node). */
function packageRoot(): string {
    let dir = __dirname;
    while (!fs.existsSync(path.join(dir, "package.json"))) {
        const up = path.dirname(dir);
        if (up === dir) throw new Error("package.json not found above " + __dirname);
        dir = up;
    }
    return dir;
}

const target = path.join(packageRoot(), "docs", "policies.md");
fs.writeFileSync(target, renderPolicyReference(controls));
process.stdout.write(`wrote ${path.relative(process.cwd(), target)} (${controls.length} policies)\n`);
