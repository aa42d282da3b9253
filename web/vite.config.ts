import { join } from "node:path";
import preact from "@preact/preset-vite";
// Vite loads this file with `--configLoader runner` (see package.json): the
// contract is TypeScript in a linked workspace, which Node cannot import itself.
import { portOverrideVariable } from "functions/contract/local-stack";
import { defineConfig } from "vite";
import { OUT_DIRS, pageEnv, parseBuildMode } from "./build/page-env.js";
import { pageSizePlugin } from "./build/page-size.js";
import { withoutRe2js } from "./build/without-re2js.js";
import { resolveConfig } from "./src/config.js";

// `--mode emulator` (npm run build): the local stack, into dist-emulator/;
// `--mode production` (npm run build:production, and firebase.json's hosting
// predeploy): VITE_FIREBASE_* from the environment or web/.env.production.local,
// into dist/, the only folder Hosting deploys. The configuration is resolved
// here, at build time, and enters the bundle as a constant: a production
// bundle holds no trace of the emulator branch, and one without its settings
// fails to build, naming every missing variable.
export default defineConfig(({ mode: requested }) => {
  const mode = parseBuildMode(requested);
  if (mode === "emulator") passEmulatorPortOverrides();
  const config = resolveConfig(mode, pageEnv(mode));
  return {
    plugins: [preact(), withoutRe2js(), pageSizePlugin()],
    define: { __INBOX_CONFIG__: JSON.stringify(config) },
    build: {
      outDir: join(import.meta.dirname, OUT_DIRS[mode]),
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
