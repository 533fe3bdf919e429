// ESLint for the UI (TypeScript, type-aware) and the end-to-end scripts in tests/ (Node).
// Every rule is an error: a lint that can only warn is noise (STYLE.md habit 12).
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const tauriOnlyInIpc = {
  group: ["@tauri-apps/*"],
  message: "Only ui/src/ipc/ talks to Tauri (STYLE.md habit 5): import `api` from the ipc folder.",
};
const bindingsOnlyInIpc = {
  group: ["**/bindings", "**/bindings.ts"],
  message: "Only ui/src/ipc/ imports the generated bindings: import types from the ipc folder.",
};

export default defineConfig(
  {
    ignores: ["ui/dist/**", "ui/src/bindings.ts", "target/**", ".tools/**", "tests/e2e/.artifacts/**", "node_modules/**"],
  },
  { linterOptions: { reportUnusedDisableDirectives: "error" } },

  {
    files: ["ui/**/*.{ts,tsx}"],
    extends: [
      js.configs.recommended,
      tseslint.configs.strictTypeChecked,
      tseslint.configs.stylisticTypeChecked,
      reactHooks.configs.flat.recommended,
    ],
    languageOptions: {
      globals: globals.browser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true }],
      "@typescript-eslint/consistent-type-definitions": "off",
      "react-hooks/exhaustive-deps": "error",
      "react-hooks/incompatible-library": "error",
      "react-hooks/unsupported-syntax": "error",
      "no-console": "error",
      "no-restricted-imports": ["error", { patterns: [tauriOnlyInIpc, bindingsOnlyInIpc] }],
    },
  },
  {
    // The seam itself.
    files: ["ui/src/ipc/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    // Mock mode may install Tauri's IPC mock, and nothing else from Tauri.
    files: ["ui/src/dev/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^@tauri-apps/(?!api/mocks$)", message: tauriOnlyInIpc.message },
            bindingsOnlyInIpc,
          ],
        },
      ],
    },
  },
  {
    // Build configuration runs in Node.
    files: ["ui/vite.config.ts"],
    languageOptions: { globals: globals.node },
  },

  {
    files: ["**/*.{js,mjs,cjs}"],
    extends: [js.configs.recommended],
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      globals: { ...globals.node },
    },
    rules: { "no-console": "off" },
  },
  {
    // End-to-end scripts run in Node but hand callbacks to the webview through WebDriver
    // (`execute`, `executeAsync`), so browser globals are legitimate there too.
    files: ["tests/**/*.{js,mjs,cjs}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
  },
);
