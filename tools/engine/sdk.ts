// Locates the @pulumi/pulumi a pack runs with and loads its generated gRPC code from there.
// The message classes must be the very ones the grpc client serialises with, so everything
// (analyzer_pb, struct_pb, empty_pb, grpc-js) is resolved from that one SDK directory.
import * as fs from "fs";
import * as path from "path";
import type * as grpc from "@grpc/grpc-js";
import type * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import type * as jspb from "google-protobuf";
import type * as emptyPb from "google-protobuf/google/protobuf/empty_pb";
import type * as structPb from "google-protobuf/google/protobuf/struct_pb";
import { PackStartError } from "./errors";

/**
 * How to find @pulumi/pulumi (and so run-policy-pack) for a pack:
 * - "pack": `<packDir>/node_modules/@pulumi/pulumi`, exactly where the Pulumi CLI looks;
 * - "node": Node's resolution from the pack directory (walks up), for packs nested in another
 *   project that share its node_modules, such as the test fixture packs;
 * - "auto": "pack" when the pack has its own node_modules/@pulumi/pulumi, else "node".
 */
export type SdkResolution = "pack" | "node" | "auto";

export interface Sdk {
    dir: string;
    runPolicyPack: string;
    analyzer: typeof analyzerPb;
    rpc: typeof analyzerGrpc;
    struct: typeof structPb;
    empty: typeof emptyPb;
    jspb: typeof jspb;
    grpc: typeof grpc;
}

export function findSdkDir(packDir: string, resolution: SdkResolution): string {
    const own = path.join(packDir, "node_modules", "@pulumi", "pulumi");
    const hasOwn = fs.existsSync(path.join(own, "package.json"));
    if (resolution === "pack" || (resolution === "auto" && hasOwn)) {
        const dir = own;
        if (!hasOwn) {
            throw new PackStartError(`policy pack ${packDir} has no node_modules/@pulumi/pulumi (run npm install there)`, "");
        }
        return dir;
    }
    try {
        return path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [packDir] }));
    } catch {
        throw new PackStartError(`cannot resolve @pulumi/pulumi from policy pack ${packDir} (run npm install)`, "");
    }
}

export function loadSdk(packDir: string, resolution: SdkResolution): Sdk {
    const dir = findSdkDir(packDir, resolution);
    const fromSdk = (id: string): string => require.resolve(id, { paths: [dir] });
    return {
        dir,
        runPolicyPack: path.join(dir, "cmd", "run-policy-pack"),
        analyzer: require(path.join(dir, "proto", "analyzer_pb")) as typeof analyzerPb,
        rpc: require(path.join(dir, "proto", "analyzer_grpc_pb")) as typeof analyzerGrpc,
        struct: require(fromSdk("google-protobuf/google/protobuf/struct_pb")) as typeof structPb,
        empty: require(fromSdk("google-protobuf/google/protobuf/empty_pb")) as typeof emptyPb,
        jspb: require(fromSdk("google-protobuf")) as typeof jspb,
        grpc: require(fromSdk("@grpc/grpc-js")) as typeof grpc,
    };
}
