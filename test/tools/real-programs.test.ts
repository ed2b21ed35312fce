// Programs as real users write them (issue classes each with a fixture under test/fixtures/programs):
// ES modules, a package.json main that does not exist, data-source lookups, beforeExit
// registrations, remote components. Each runs through the compiled runner, as scan runs it.
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { type LoadedProgram, loadProgram } from "../../tools/scan/program";
import { PROGRAMS, ROOT } from "./helpers";

const RUNNER = path.join(ROOT, "dist", "tools", "scan", "program-runner.js");
const NAMES = ["esm", "missing-package-main", "lookups", "alicloud-lookups", "before-exit", "remote-component", "no-stack-file"] as const;

describe("real-world program shapes", () => {
    const loaded: Partial<Record<(typeof NAMES)[number], LoadedProgram>> = {};
    const get = (name: (typeof NAMES)[number]): LoadedProgram => {
        const p = loaded[name];
        if (!p) throw new Error(`${name} did not load`);
        return p;
    };
    const props = (p: LoadedProgram, name: string): Record<string, unknown> => {
        const r = p.resources.find((x) => x.name === name);
        if (!r) throw new Error(`no resource ${name}`);
        return r.properties;
    };

    beforeAll(async () => {
        for (const name of NAMES) loaded[name] = await loadProgram(path.join(PROGRAMS, name), { runner: RUNNER });
    }, 240_000);

    it("an ES module program (type: module, imports written ./logs.js) is imported, not required", () => {
        const p = get("esm");
        expect(props(p, "short-retention")).toMatchObject({ retentionInDays: 7 });
        expect(p.warnings).toEqual([]);
    });

    it("a package.json main that does not exist: the directory's index.ts runs, with Pulumi's warning", () => {
        const p = get("missing-package-main");
        expect(p.entry).toBe(path.join(PROGRAMS, "missing-package-main", "index.ts"));
        expect(props(p, "short-retention")).toMatchObject({ retentionInDays: 7 });
        expect(p.warnings).toEqual(["package.json main index.js does not exist; running index.ts instead, as Pulumi does"]);
    });

    it("AWS lookups are answered from the table, made from the stack's region; unknown ones by the fallback, named in a warning", () => {
        const p = get("lookups");
        expect(props(p, "first")).toMatchObject({ availabilityZone: "cn-north-1a" });
        expect(props(p, "web")).toMatchObject({ ami: "ami-0123456789abcdef0", tags: { owner: "123456789012" } });
        const stack = p.resources.find((r) => r.type === "pulumi:pulumi:Stack");
        // getPartition in a cn region is aws-cn; getRegion the stack's region; zones[1] is b.
        expect(stack?.outputs).toMatchObject({ arn: "arn:aws-cn:s3:::logs-cn-north-1-cn-north-1b" });
        expect(p.warnings).toEqual([
            "lookups answered by a generic fallback (no cloud offline; values are fake): aws:kms/getAlias:getAlias; findings that depend on their results may be missing",
        ]);
    });

    it("Alibaba Cloud lookups: zones, images and instance types of the stack's region", () => {
        const p = get("alicloud-lookups");
        expect(props(p, "first")).toMatchObject({ zoneId: "cn-shanghai-h" });
        expect(props(p, "web")).toMatchObject({ imageId: "offline_scan_image_x64.vhd", instanceType: "ecs.g7.large" });
        expect(p.warnings).toEqual([]);
    });

    it("resources registered in a beforeExit handler are captured, as the language host lets them run", () => {
        const p = get("before-exit");
        expect(p.resources.map((r) => r.type)).toContain("aws:s3/bucketNotification:BucketNotification");
        expect(props(p, "uploads-notification")).toMatchObject({ queues: [{ events: ["s3:ObjectCreated:*"] }] });
    });

    it("a remote component gets a warning naming it: its children are not visible offline", () => {
        const p = get("remote-component");
        expect(p.resources.find((r) => r.name === "network")).toMatchObject({ type: "awsx:ec2:Vpc", custom: false });
        expect(p.warnings).toEqual(['awsx:ec2:Vpc "network" is a remote component: its children are not visible offline; run pulumi preview --policy-pack to check them']);
    });

    it("no stack file: empty stack config and a warning", () => {
        const p = get("no-stack-file");
        expect(p.stack.config).toEqual({});
        expect(p.warnings).toEqual(["no stack file Pulumi.dev.yaml: the program runs with empty stack config, as after pulumi stack init"]);
    });
});
