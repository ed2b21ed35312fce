#!/usr/bin/env node
// Entry point of `npm run scan -- <program-dir | stack-export.json> [options]` and of the package's
// bin (`npx china-compliance-policies scan <dir>`); see docs/scan.md.
import { failed, scanStreamed } from "./scan";
import { writeAll } from "./write-all";

// A reader that stops early (`scan … | head`) is not an error of scan's.
for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
        if (err.code !== "EPIPE") throw err;
    });
}

void scanStreamed(process.argv.slice(2)).then(async (outcome) => {
    let { exitCode, stderr } = outcome;
    try {
        // The report is made as it is written: a large one is never held whole.
        await writeAll(process.stdout, outcome.stdout);
    } catch (err) {
        ({ exitCode, stderr } = failed(err));
    }
    await writeAll(process.stderr, stderr);
    // Let the streams flush instead of process.exit(), which can cut off piped output.
    process.exitCode = exitCode;
});
