import { defineConfig } from "vitest/config";

export default defineConfig({
    test: {
        include: ["test/**/*.test.ts"],
        // The real-CLI tests run on their own: `npm run test:cli` (vitest.cli.config.mts).
        exclude: ["test/cli/**", "**/node_modules/**"],
        // Builds dist/ once (scan and protocol tests run the compiled pack and CLI).
        globalSetup: ["test/global-setup.ts"],
        // Protocol and scan tests start real pack processes; give them room on a 2-core machine.
        testTimeout: 60_000,
        hookTimeout: 120_000,
        // Programs scanned in tests are not type-checked (seconds each with the provider SDKs; the
        // examples are type-checked by `npm run typecheck`); test/tools/type-check.test.ts unsets it.
        env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
        pool: "forks",
        maxWorkers: 2,
    },
});
