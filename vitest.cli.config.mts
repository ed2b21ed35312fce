import { defineConfig } from "vitest/config";

// `npm run test:cli`: the examples and the protocol under the real Pulumi CLI, built by
// tools/cli/build-pulumi.sh (the npm script runs it first; it fails in one line without Go).
export default defineConfig({
    test: {
        include: ["test/cli/**/*.test.ts"],
        globalSetup: ["test/global-setup.ts"],
        // Each preview starts the CLI, the program, the pack and two provider plugins.
        testTimeout: 300_000,
        hookTimeout: 300_000,
        pool: "forks",
        maxWorkers: 2,
    },
});
