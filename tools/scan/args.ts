// Command-line arguments of scan, parsed with Node's own util.parseArgs: it handles --opt value,
// --opt=value, repeated options and unknown options, and costs nothing to install or load (a CLI
// library would add a dependency to every install of the pack for a dozen flat options).
import { parseArgs as parseNodeArgs } from "util";
import { UserInputError } from "../engine/errors";

export const FORMATS = ["text", "json", "sarif", "junitxml", "codequality", "html"] as const;
export type Format = (typeof FORMATS)[number];
export const LANGS = ["en", "zh", "both"] as const;
export type Lang = (typeof LANGS)[number];
export const LEVEL_TERMS = ["mandatory", "advisory"] as const;
export const SEVERITY_TERMS = ["low", "medium", "high", "critical"] as const;

export type Command = "scan" | "list" | "help" | "version";

export interface ScanArgs {
    command: Command;
    /** Program directory or stack export (scan only; "" otherwise). */
    target: string;
    stack?: string;
    config?: string;
    /** Formats in the order given; text when none. */
    formats: Format[];
    /** --output-file-path as given, split at commas. */
    outputFilePath?: string[];
    remediate: boolean;
    pack?: string;
    /** Seconds the program may run (programs only). */
    timeout: number;
    softFail: boolean;
    softFailOn: string[];
    hardFailOn: string[];
    check: string[];
    skipCheck: string[];
    baseline?: string;
    createBaseline?: string;
    quiet: boolean;
    compact: boolean;
    lang: Lang;
    repoRoot?: string;
    sarifCategory?: string;
    noColor: boolean;
}

export const USAGE = `usage: scan <program-dir | stack-export.json> [options]
       scan list [--pack DIR] [--config FILE] [--format text|json]
       (installed: npx china-compliance-policies scan <dir> [options]; list the same way)

Runs the china-compliance policy pack over a Pulumi program (under mocks, as a first preview)
or over a \`pulumi stack export\` file, without cloud credentials.

input:
  --stack NAME              stack whose Pulumi.<NAME>.yaml config to use (default: the only one, else dev)
  --config FILE             policy pack config, as for pulumi preview --policy-pack-config
  --pack DIR                policy pack directory (default: this package)
  --timeout SECONDS         how long the program may run (default 120)
  --remediate               show what policies at level remediate change, per resource, as a diff
                            (they remediate with or without it, as in pulumi preview)
selection:
  --check LIST              report only these policies (comma-separated names, * wildcards)
  --skip-check LIST         do not report these policies
  --baseline FILE           report and fail only on findings not in this baseline
  --create-baseline FILE    write the findings of this run to FILE as a baseline
exit code:
  --soft-fail               exit 0 whatever the findings (bad input still exits 2)
  --soft-fail-on LIST       findings that do not fail the run: levels (mandatory, advisory),
                            severities (low … critical: that or lower) or policy names
  --hard-fail-on LIST       only these fail the run: levels, severities (that or higher) or
                            policy names; wins over --soft-fail-on
output:
  --format LIST, -o LIST    text (default), json, sarif, junitxml, codequality, html
                            (the assessor's report, docs/report.md); several comma-separated or repeated
  --output-file-path PATH   one file per format (comma-separated, in --format order; "console"
                            = stdout), or a directory receiving results_<format>.<ext>
  --quiet                   text: only the findings that fail the run
  --compact                 text: one line per finding
  --lang en|zh|both         language of finding messages in text, sarif, junitxml, codequality
                            (default both; json keeps messages whole)
  --repo-root DIR           SARIF and Code Quality paths relative to DIR (default: the git
                            top level of the target, else the current directory)
  --sarif-category NAME     SARIF automationDetails.id category (default
                            china-compliance/<project>/<stack>)
  --no-color                no colour in text output (also NO_COLOR; colour only on a terminal)
  -v, --version             print the version
  -h, --help                show this help

exit codes: 0 no failing finding, 1 failing findings (default: mandatory ones), 2 bad input,
3 policy pack failure`;

const OPTIONS = {
    stack: { type: "string" },
    config: { type: "string" },
    format: { type: "string", short: "o", multiple: true },
    "output-file-path": { type: "string" },
    remediate: { type: "boolean" },
    pack: { type: "string" },
    timeout: { type: "string" },
    "soft-fail": { type: "boolean" },
    "soft-fail-on": { type: "string", multiple: true },
    "hard-fail-on": { type: "string", multiple: true },
    check: { type: "string", multiple: true },
    "skip-check": { type: "string", multiple: true },
    baseline: { type: "string" },
    "create-baseline": { type: "string" },
    quiet: { type: "boolean" },
    compact: { type: "boolean" },
    lang: { type: "string" },
    "repo-root": { type: "string" },
    "sarif-category": { type: "string" },
    "no-color": { type: "boolean" },
    version: { type: "boolean", short: "v" },
    help: { type: "boolean", short: "h" },
} as const;

/** parseArgs' errors, reworded as one line naming the option. */
function reword(err: Error & { code?: string }): string {
    const quoted = /'([^']*)'/.exec(err.message)?.[1] ?? "";
    const option = /--[\w-]+/.exec(quoted)?.[0] ?? (/^-\w/.exec(quoted)?.[0] || undefined);
    switch (err.code) {
        case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
            return `unknown option ${option ?? err.message} (see --help)`;
        case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
            return /argument missing/.test(err.message) ? `${option ?? "an option"} needs a value` : `${option ?? "an option"} takes no value`;
        default:
            return err.message.split("\n")[0] ?? err.message;
    }
}

/** Comma-separated lists, from one or several occurrences; blanks dropped. */
function list(values: readonly string[] | undefined): string[] {
    return (values ?? []).flatMap((v) => v.split(",")).map((s) => s.trim()).filter((s) => s.length > 0);
}

function nonEmpty(name: string, value: string | undefined): string | undefined {
    if (value !== undefined && value.trim() === "") throw new UserInputError(`--${name} needs a value`);
    return value;
}

export function parseArgs(argv: string[]): ScanArgs {
    let parsed: ReturnType<typeof parseNodeArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
    try {
        parsed = parseNodeArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    } catch (err) {
        throw new UserInputError(reword(err as Error & { code?: string }));
    }
    const v = parsed.values;
    const positional = [...parsed.positionals];
    // `npx china-compliance-policies scan <dir>`: the bin takes the command first; `scan <dir>` and
    // `<dir>` are the same. A directory called list or scan can be given as ./list.
    let command: Command = "scan";
    if (positional[0] === "scan") positional.shift();
    else if (positional[0] === "list" || positional[0] === "policies") {
        positional.shift();
        command = "list";
    }
    if (v.help) command = "help";
    else if (v.version) command = "version";

    if (command === "scan" && positional.length !== 1) {
        throw new UserInputError(positional.length === 0 ? "missing the program directory or stack export to scan (see --help)" : `expected one target, got ${positional.length}: ${positional.join(" ")}`);
    }
    if (command === "list" && positional.length > 0) throw new UserInputError(`list takes no target (got ${positional.join(" ")})`);

    const formats = list(v.format);
    for (const f of formats) if (!(FORMATS as readonly string[]).includes(f)) throw new UserInputError(`--format must be one of ${FORMATS.join(", ")} (got ${f})`);
    if (v.format && formats.length === 0) throw new UserInputError("--format needs a value");
    const unique = [...new Set(formats)] as Format[];

    const timeout = v.timeout === undefined ? 120 : Number(v.timeout);
    if (!Number.isFinite(timeout) || timeout <= 0) throw new UserInputError(`--timeout must be a positive number of seconds (got ${v.timeout})`);
    const lang = v.lang ?? "both";
    if (!(LANGS as readonly string[]).includes(lang)) throw new UserInputError(`--lang must be one of ${LANGS.join(", ")} (got ${lang})`);
    const outputFilePath = v["output-file-path"] === undefined ? undefined : v["output-file-path"].split(",").map((s) => s.trim());
    if (outputFilePath?.some((p) => p === "")) throw new UserInputError(`--output-file-path has an empty entry (got ${v["output-file-path"]})`);

    return {
        command,
        target: command === "scan" ? (positional[0] ?? "") : "",
        stack: nonEmpty("stack", v.stack),
        config: nonEmpty("config", v.config),
        formats: unique.length ? unique : ["text"],
        outputFilePath,
        remediate: v.remediate ?? false,
        pack: nonEmpty("pack", v.pack),
        timeout,
        softFail: v["soft-fail"] ?? false,
        softFailOn: list(v["soft-fail-on"]),
        hardFailOn: list(v["hard-fail-on"]),
        check: list(v.check),
        skipCheck: list(v["skip-check"]),
        baseline: nonEmpty("baseline", v.baseline),
        createBaseline: nonEmpty("create-baseline", v["create-baseline"]),
        quiet: v.quiet ?? false,
        compact: v.compact ?? false,
        lang: lang as Lang,
        repoRoot: nonEmpty("repo-root", v["repo-root"]),
        sarifCategory: nonEmpty("sarif-category", v["sarif-category"]),
        noColor: v["no-color"] ?? false,
    };
}
