import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "public/build/**",
      "app/generated/**",
      ".data/**",
      ".cache/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // routes never talk to the database directly: domain modules do
      "no-restricted-imports": "off",
    },
  },
  {
    files: ["app/routes/**/*.{ts,tsx}", "app/components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "~/lib/db.server",
              message: "Routes call domain functions in app/domain; they do not query the database.",
            },
          ],
        },
      ],
    },
  },
  {
    // an area is used through its entry module (index.server.ts, or index.ts for client-safe areas; money also
    // offers fields.ts): docs/architecture.md lists the areas; app/domain/boundaries.test.ts forbids cycles
    files: ["app/domain/*/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(\\.\\./|~/domain/)(?!money/fields$)[a-z-]+/(?!index(\\.server)?$)",
              message:
                "Another area is used through its entry module (../<area>/index.server or ../<area>), not its inner files.",
            },
          ],
        },
      ],
    },
  },
);
