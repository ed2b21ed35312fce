#!/usr/bin/env node
// Entry point of `npm run scan -- <program-dir | stack-export.json> [options]` and of the package's
// bin (`npx china-compliance-policies scan <dir>`); see docs/scan.md.
import { scan } from "./scan";
import { writeAll } from "./write-all";

// A reader that stops early (`scan … | head`) is not an error of scan's.
for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
        if (err.code !== "EPIPE") throw err;
    });
}

void scan(process.argv.slice(2)).then(async (outcome) => {
    await writeAll(process.stdout, outcome.stdout);
    await writeAll(process.stderr, outcome.stderr);
    // Let the streams flush instead of process.exit(), which can cut off piped output.
    process.exitCode = outcome.exitCode;
});
