// Reads the engine's event log of a real `pulumi preview --policy-pack` (`--event-log FILE`, one
// JSON engine event per line, as the Automation API's onEvent also gets them), so that a pipeline
// running the real CLI gets the same report as an offline scan: the resources come from the
// resourcePreEvents (their inputs), the findings from the policyEvents (the pack's own messages).
import * as fs from "fs";
import { UserInputError } from "../engine/errors";
import type { EnforcementLevel, EngineResource, Finding } from "../engine/types";
import { isRootStack, parseUrn } from "../engine/urn";

export interface EventLogRun {
    project?: string;
    stack?: string;
    resources: EngineResource[];
    findings: Finding[];
    /** Pack name and version as the CLI's events state them (the first policy event's). */
    pack?: { name: string; version: string };
}

interface StepState {
    urn?: unknown;
    type?: unknown;
    custom?: unknown;
    parent?: unknown;
    inputs?: unknown;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const record = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/** The CLI says "advisory" or "mandatory"; older event logs said "warning" for advisory. */
function level(v: unknown): EnforcementLevel {
    return v === "mandatory" ? "mandatory" : v === "remediate" ? "remediate" : "advisory";
}

/** Parses event-log text; `file` names it in errors. */
export function parseEventLog(text: string, file: string): EventLogRun {
    const byUrn = new Map<string, EngineResource>();
    const findings: Finding[] = [];
    let pack: EventLogRun["pack"];
    const lines = text.split(/\r?\n/);
    lines.forEach((line, i) => {
        if (line.trim() === "") return;
        let event: Record<string, unknown> | undefined;
        try {
            event = record(JSON.parse(line));
        } catch {
            // A preview cut off mid-write leaves a partial last line; anything earlier is corruption.
            if (i === lines.length - 1 || lines.slice(i + 1).every((l) => l.trim() === "")) return;
            throw new UserInputError(`${file}:${i + 1}: not a JSON engine event (is this a pulumi --event-log file?)`);
        }
        if (!event) throw new UserInputError(`${file}:${i + 1}: not a JSON engine event (is this a pulumi --event-log file?)`);
        const pre = record(record(event.resourcePreEvent)?.metadata);
        if (pre) {
            const state = (record(pre.new) ?? {}) as StepState;
            const urn = str(state.urn) ?? str(pre.urn);
            const type = str(state.type) ?? str(pre.type);
            if (!urn || !type || pre.op === "delete") return;
            const parsed = parseUrn(urn);
            byUrn.set(urn, {
                urn,
                type,
                name: parsed?.name ?? urn,
                custom: state.custom !== false,
                properties: record(state.inputs) ?? {},
                parent: str(state.parent),
                dependencies: [],
                propertyDependencies: {},
            });
            return;
        }
        const p = record(event.policyEvent);
        if (p) {
            const policyName = str(p.policyName);
            const message = typeof p.message === "string" ? p.message : undefined;
            if (!policyName || message === undefined) throw new UserInputError(`${file}:${i + 1}: policyEvent without policyName or message`);
            const packName = str(p.policyPackName) ?? "";
            const packVersion = str(p.policyPackVersion) ?? "";
            pack ??= { name: packName, version: packVersion };
            const urn = str(p.resourceUrn);
            findings.push({ policyName, policyPackName: packName, policyPackVersion: packVersion, description: message.split("\n")[0] ?? "", message, enforcementLevel: level(p.enforcementLevel), ...(urn ? { urn } : {}) });
        }
    });
    const resources = [...byUrn.values()];
    const first = resources[0];
    if (first === undefined) throw new UserInputError(`${file}: no resourcePreEvent: not the event log of a pulumi preview`);
    const parsed = parseUrn((resources.find(isRootStack) ?? first).urn);
    // A stack policy's finding on the stack itself carries the root stack's URN in the CLI's events.
    return { project: parsed?.project, stack: parsed?.stack, resources, findings, pack };
}

export function readEventLog(file: string): EventLogRun {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        throw new UserInputError(`cannot read event log ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    return parseEventLog(text, file);
}
