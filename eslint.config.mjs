import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["node_modules/**", "dist/**", "coverage/**", "examples/**/node_modules/**", "**/*.js", "**/*.mjs"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        rules: {
            "@typescript-eslint/no-explicit-any": "error",
            "@typescript-eslint/consistent-type-imports": ["error", { prefer: "type-imports", fixStyle: "inline-type-imports" }],
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
        },
    },
    {
        files: ["test/**/*.ts", "tools/**/*.ts", "bench/**/*.ts"],
        // These load SDK internals and the pack under test by resolved path.
        rules: { "@typescript-eslint/no-explicit-any": "warn", "@typescript-eslint/no-require-imports": "off" },
    },
);
