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
        pool: "forks",
        maxWorkers: 2,
    },
});
