import preact from "@preact/preset-vite";
// Vite loads this file with `--configLoader runner` (see package.json): the
// contract is TypeScript in a linked workspace, which Node cannot import itself.
import { portOverrideVariable } from "functions/contract/local-stack";
import { defineConfig, loadEnv } from "vite";
import { pageSizePlugin } from "./build/page-size.js";
import { withoutRe2js } from "./build/without-re2js.js";
import { resolveConfig } from "./src/config.js";

// `--mode emulator`: the local stack; `--mode production`: VITE_FIREBASE_* from
// the environment or web/.env.production.local. Checked here so a production
// build without its configuration fails at build time, not in a browser.
export default defineConfig(({ mode, command }) => {
  if (mode === "emulator") passEmulatorPortOverrides();
  if (command === "build")
    resolveConfig(mode, {
      ...loadEnv(mode, import.meta.dirname, "VITE_"),
      ...pickVite(process.env),
    });
  return {
    plugins: [preact(), withoutRe2js(), pageSizePlugin()],
    build: {
      outDir: "dist",
      emptyOutDir: true,
      target: "es2022",
      sourcemap: false,
      // Every script and style ships as a file: the Content Security Policy forbids inline ones.
      assetsInlineLimit: 0,
      // One entry chunk and no preloads: the polyfill would be dead weight.
      modulePreload: { polyfill: false },
      // Firebase's Firestore SDK alone is ~280 kB minified (~82 kB gzip, without
      // re2js: build/without-re2js.ts); the page-size report is the figure that matters.
      chunkSizeWarningLimit: 700,
    },
    server: { host: "127.0.0.1", port: 5173, strictPort: true },
  };
});

function pickVite(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (e): e is [string, string] => e[0].startsWith("VITE_") && e[1] !== undefined,
    ),
  );
}

/**
 * The local stack lets a run move emulator ports (SMS_INBOX_FIRESTORE_PORT,
 * SMS_INBOX_AUTH_PORT); `npm start` and `npm test` build in that same
 * environment, so the page follows. Only these two values enter the bundle.
 */
function passEmulatorPortOverrides(): void {
  const pairs = [
    [portOverrideVariable("firestore"), "VITE_FIRESTORE_EMULATOR_PORT"],
    [portOverrideVariable("auth"), "VITE_AUTH_EMULATOR_PORT"],
  ] as const;
  for (const [from, to] of pairs) {
    const value = process.env[from];
    if (value) process.env[to] = value;
  }
}
