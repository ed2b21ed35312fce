import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["node_modules/**", "dist/**", "coverage/**", "examples/**/node_modules/**", "test/fixtures/programs/**", "**/*.js", "**/*.mjs", "**/*.mts"] },
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        rules: {
            "@typescript-eslint/no-explicit-any": "error",
            "@typescript-eslint/consistent-type-imports": ["error", { prefer: "type-imports", fixStyle: "inline-type-imports" }],
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
            "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
        },
    },
    {
        files: ["test/**/*.ts", "tools/**/*.ts", "bench/**/*.ts"],
        // These load SDK internals and the pack under test by resolved path.
        rules: { "@typescript-eslint/no-explicit-any": "warn", "@typescript-eslint/no-require-imports": "off" },
    },
);
