// Command-line arguments of scan.
import { UserInputError } from "../engine/errors";

export const FORMATS = ["text", "json", "sarif"] as const;
export type Format = (typeof FORMATS)[number];

export interface ScanArgs {
    target: string;
    stack?: string;
    config?: string;
    format: Format;
    remediate: boolean;
    pack?: string;
    /** Seconds the program may run (programs only). */
    timeout: number;
    help: boolean;
}

export const USAGE = `usage: scan <program-dir | stack-export.json> [options]

Runs the china-compliance policy pack over a Pulumi program (under mocks, as a first preview)
or over a \`pulumi stack export\` file, without cloud credentials.

options:
  --stack NAME        stack whose Pulumi.<NAME>.yaml config to use (default: the only one, else dev)
  --config FILE       policy pack config, as for pulumi preview --policy-pack-config
  --format FORMAT     text (default), json or sarif
  --remediate         show what policies at level remediate change, per resource, as a diff
                      (they remediate with or without it, as in pulumi preview)
  --pack DIR          policy pack directory (default: this project)
  --timeout SECONDS   how long the program may run (default 120)
  -h, --help          show this help

exit codes: 0 no mandatory finding, 1 mandatory findings, 2 bad input, 3 policy pack failure`;

const VALUED = new Set(["--stack", "--config", "--format", "--pack", "--timeout"]);
const FLAGS = new Set(["--remediate", "--help", "-h"]);

export function parseArgs(argv: string[]): ScanArgs {
    const values: Record<string, string> = {};
    const flags = new Set<string>();
    const positional: string[] = [];
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const eq = arg.indexOf("=");
        const name = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
        if (VALUED.has(name)) {
            const value = eq > 0 && name !== arg ? arg.slice(eq + 1) : argv[++i];
            if (value === undefined || value === "") throw new UserInputError(`${name} needs a value`);
            values[name] = value;
        } else if (FLAGS.has(arg)) {
            flags.add(arg);
        } else if (arg.startsWith("-") && arg !== "-") {
            throw new UserInputError(`unknown option ${arg} (see --help)`);
        } else {
            positional.push(arg);
        }
    }
    const help = flags.has("--help") || flags.has("-h");
    if (!help && positional.length !== 1) {
        throw new UserInputError(positional.length === 0 ? "missing the program directory or stack export to scan (see --help)" : `expected one target, got ${positional.length}: ${positional.join(" ")}`);
    }
    const format = values["--format"] ?? "text";
    if (!(FORMATS as readonly string[]).includes(format)) {
        throw new UserInputError(`--format must be one of ${FORMATS.join(", ")} (got ${format})`);
    }
    const timeout = values["--timeout"] === undefined ? 120 : Number(values["--timeout"]);
    if (!Number.isFinite(timeout) || timeout <= 0) throw new UserInputError(`--timeout must be a positive number of seconds (got ${values["--timeout"]})`);
    return {
        target: positional[0] ?? "",
        stack: values["--stack"],
        config: values["--config"],
        format: format as Format,
        remediate: flags.has("--remediate"),
        pack: values["--pack"],
        timeout,
        help,
    };
}
