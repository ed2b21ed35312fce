// What scan captures from a real program run under mocks (the compiled runner in dist/).
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { UNKNOWN, type EngineResource } from "../../tools/engine/types";
import { secret } from "../../tools/engine/wire";
import { type LoadedProgram, loadProgram } from "../../tools/scan/program";
import { PROGRAMS, ROOT } from "./helpers";

const RUNNER = path.join(ROOT, "dist", "tools", "scan", "program-runner.js");
const URN = "urn:pulumi:dev::aws-graph::";

describe("a program run under mocks (aws-graph)", () => {
    let program: LoadedProgram;
    const byName = (name: string): EngineResource => {
        const r = program.resources.find((x) => x.name === name);
        if (!r) throw new Error(`no resource ${name}`);
        return r;
    };

    beforeAll(async () => {
        program = await loadProgram(path.join(PROGRAMS, "aws-graph"), { runner: RUNNER });
    });

    it("reads the project, the stack and the stack's config", () => {
        expect(program.project.name).toBe("aws-graph");
        expect(program.stack.name).toBe("dev");
        expect(program.context).toEqual({
            project: "aws-graph",
            stack: "dev",
            // What `pulumi preview` on a DIY backend tells the pack (seen under the real CLI).
            organization: "organization",
            config: { "aws:region": "cn-north-1", "aws-graph:dbPassword": "[secret]" },
            configSecretKeys: ["aws-graph:dbPassword"],
            dryRun: true,
        });
    });

    it("captures every registration, with URNs as the engine makes them", () => {
        expect(program.resources.map((r) => r.urn)).toEqual([
            `${URN}pulumi:pulumi:Stack::aws-graph-dev`,
            `${URN}graph:index:LogArchive::archive`,
            `${URN}pulumi:providers:aws::default_7_48_0`,
            `${URN}graph:index:LogArchive$aws:cloudwatch/logGroup:LogGroup::archive-group`,
            `${URN}aws:ssm/parameter:Parameter::db-password`,
            `${URN}pulumi:providers:aws::ningxia`,
            `${URN}aws:ec2/vpc:Vpc::main`,
            `${URN}aws:ec2/flowLog:FlowLog::main-flow`,
        ]);
        expect(byName("aws-graph-dev")).toMatchObject({ type: "pulumi:pulumi:Stack", custom: false, parent: undefined });
        expect(byName("archive").custom).toBe(false);
        // Components get no provider of their own.
        expect(byName("archive").provider).toBeUndefined();
    });

    it("captures parents", () => {
        expect(byName("archive-group").parent).toBe(`${URN}graph:index:LogArchive::archive`);
        expect(byName("main").parent).toBe(`${URN}pulumi:pulumi:Stack::aws-graph-dev`);
    });

    it("first-preview semantics: outputs of other resources are unknown; property dependencies say whose", () => {
        const flow = byName("main-flow");
        expect(flow.properties).toEqual({ vpcId: UNKNOWN, logDestination: UNKNOWN, trafficType: "ALL", logDestinationType: "cloud-watch-logs" });
        expect(flow.propertyDependencies.vpcId).toEqual([`${URN}aws:ec2/vpc:Vpc::main`]);
        expect(flow.propertyDependencies.logDestination).toEqual([byName("archive-group").urn]);
        expect(new Set(flow.dependencies)).toEqual(new Set([`${URN}aws:ec2/vpc:Vpc::main`, byName("archive-group").urn]));
    });

    it("links explicit providers, and gives the rest the default provider built from stack config", () => {
        const ningxia = byName("ningxia");
        expect(ningxia.properties).toMatchObject({ region: "cn-northwest-1", version: "7.48.0" });
        expect(byName("main").provider).toEqual({ urn: ningxia.urn, type: "pulumi:providers:aws", name: "ningxia", properties: ningxia.properties });
        expect(byName("main-flow").provider?.urn).toBe(ningxia.urn);
        expect(byName("archive-group").provider).toEqual({
            urn: `${URN}pulumi:providers:aws::default_7_48_0`,
            type: "pulumi:providers:aws",
            name: "default_7_48_0",
            // The engine keeps `__internal` beside a provider's version (seen under the real CLI).
            properties: { region: "cn-north-1", version: "7.48.0", __internal: {} },
        });
    });

    it("keeps secrets as secrets (a secure config value is a placeholder) and resource options", () => {
        expect(byName("db-password")).toMatchObject({ properties: { type: "SecureString", value: secret("[secret]") }, protect: true });
    });

    it("records where in the program each resource was registered", () => {
        const file = path.join(PROGRAMS, "aws-graph", "index.ts");
        expect(byName("main").source).toMatchObject({ uri: `file://${file}`, line: 18 });
        expect(byName("main-flow").source).toMatchObject({ uri: `file://${file}`, line: 21 });
        expect(byName("archive-group").source).toMatchObject({ uri: `file://${file}`, line: 12 });
    });
});
