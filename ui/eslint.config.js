import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

export default tseslint.config(
  // bindings.ts is generated from the Rust commands (src-tauri/src/bindings.rs).
  { ignores: ["dist", "node_modules", "coverage", "src/api/bindings.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The app is reached through the typed bindings only: `ui/src/api` is the one place that
    // may call `invoke` (tests mock the IPC with `@tauri-apps/api/mocks`, which stays allowed).
    files: ["**/*.{ts,tsx}"],
    ignores: ["src/api/**"],
    rules: {
      "no-restricted-imports": ["error", {
        paths: [{
          name: "@tauri-apps/api/core",
          message: "Call the app through the generated bindings: import { commands } from the api module (ui/src/api).",
        }],
      }],
    },
  },
  {
    files: ["**/*.js"],
    languageOptions: { globals: { ...globals.node } },
  },
);
