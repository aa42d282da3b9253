import { defineConfig } from "vitest/config";

// Two projects: `unit` is pure and fast (no emulators); `stack` runs against the
// local stack (Firebase emulators + Firestore), which its global setup starts
// once and stops at the end. Name a test `*.stack.test.ts` to put it there.
export default defineConfig({
  test: {
    // Every Firebase client in the tests talks to emulators: no Google metadata
    // server probe (169.254.169.254) leaves the machine.
    env: { METADATA_SERVER_DETECTION: "none" },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["{functions,web,action,scripts}/**/*.test.{ts,tsx}"],
          exclude: ["**/node_modules/**", "**/*.stack.test.{ts,tsx}"],
          environment: "node",
          // Files share their workers' module cache: half the project's time was
          // each file importing the same modules again. So no spy, stubbed global
          // or env var may outlive its test.
          isolate: false,
          restoreMocks: true,
          unstubGlobals: true,
          unstubEnvs: true,
          // Vitest leaves a core free by default, which on 2 cores means one file
          // at a time.
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: "stack",
          include: ["{functions,web,action,scripts}/**/*.stack.test.{ts,tsx}"],
          exclude: ["**/node_modules/**"],
          environment: "node",
          globalSetup: ["scripts/local-stack/vitest-global-setup.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
