// A test double for the aws and alicloud provider plugins, so that `pulumi preview` runs offline:
// the real plugins are downloaded binaries. It proves the CLI <-> policy pack contract only:
// Check hands the inputs back unchanged (the real providers add defaults there), Create is never
// reached in a preview (this provider does not declare preview support, so the CLI answers for it),
// and Invoke answers a few common data sources with values made from the provider's config.
//
// Usage (as the CLI launches plugins): node provider.js <package> <version> <engine address>
import * as path from "path";
import type * as grpcNs from "@grpc/grpc-js";
import type { Provider } from "@pulumi/pulumi/provider";
import { LOOKUPS, type LookupConfig } from "../scan/lookups";

type Config = LookupConfig;

/** The data sources answered: scan's offline lookup table; anything else is an error naming the token. */
export const INVOKES = LOOKUPS;

/**
 * @pulumi/pulumi/provider's server does not hand the provider its Configure request; wrap the
 * grpc-js service it registers to keep the config the CLI sends (region and the like).
 */
function captureConfig(into: Config): void {
    const serverModule = require.resolve("@pulumi/pulumi/provider/server");
    const grpc = require(require.resolve("@grpc/grpc-js", { paths: [path.dirname(serverModule)] })) as typeof grpcNs;
    // Patched and called back with the server as `this`, so it is taken unbound on purpose.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const addService = grpc.Server.prototype.addService;
    grpc.Server.prototype.addService = function (service, implementation) {
        const impl = implementation as Record<string, (call: { request: { getArgs(): { toJavaScript(): unknown } | undefined } }, cb: unknown) => void>;
        const configure = impl.configure;
        if (typeof configure === "function") {
            impl.configure = function (call, cb) {
                Object.assign(into, call.request.getArgs()?.toJavaScript() ?? {});
                return configure.call(this, call, cb);
            };
        }
        return addService.call(this, service, implementation);
    };
}

export function testProvider(pkg: string, version: string, config: Config): Provider {
    return {
        version,
        check: (_urn, _olds, news) => Promise.resolve({ inputs: news as unknown, failures: [] }),
        invoke: (token, args) => {
            const answer = INVOKES[token];
            if (!answer) return Promise.reject(new Error(`test provider ${pkg} ${version}: data source ${token} is not answered offline`));
            return Promise.resolve({ outputs: answer(config, (args ?? {}) as Record<string, unknown>) });
        },
    };
}

async function main(): Promise<void> {
    const [pkg, version, ...rest] = process.argv.slice(2);
    if (!pkg || !version) {
        process.stderr.write("usage: provider.js <package> <version> <engine address>\n");
        process.exit(2);
    }
    const config: Config = {};
    captureConfig(config);
    const { main: serve } = await import("@pulumi/pulumi/provider");
    await serve(testProvider(pkg, version, config), rest);
}

if (require.main === module) void main();
