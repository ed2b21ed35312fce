#!/usr/bin/env node
// Entry point of `npm run scan -- <program-dir | stack-export.json> [options]`; see docs/scan.md.
import { scan } from "./scan";

void scan(process.argv.slice(2)).then((outcome) => {
    process.stdout.write(outcome.stdout);
    process.stderr.write(outcome.stderr);
    // Let the streams flush instead of process.exit(), which can cut off piped output.
    process.exitCode = outcome.exitCode;
});
