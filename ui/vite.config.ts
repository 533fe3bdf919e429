/// <reference types="vitest/config" />
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const uiRoot = fileURLToPath(new URL(".", import.meta.url));

// Run from the repository root: `vite --config ui/vite.config.ts` (see package.json).
// `--mode mock` (npm run ui:mock) installs the in-memory backend from src/dev/.
export default defineConfig({
  root: uiRoot,
  // Keep Vite's and Vitest's caches in the repository's node_modules, not in ui/.
  cacheDir: fileURLToPath(new URL("../node_modules/.vite", import.meta.url)),
  plugins: [react()],
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    watch: { ignored: ["**/src-tauri/**", "**/target/**"] },
  },
  envPrefix: ["VITE_", "TAURI_ENV_"],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Tauri's webviews (WebKitGTK, WKWebView, WebView2) all run ES2022.
    target: "es2022",
    // Loaded from disk by the desktop shell, not over a network: one bundle is fine.
    chunkSizeWarningLimit: 1024,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
  },
});
