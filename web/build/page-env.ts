// The VITE_* variables a build of the page sees, in one place: vite.config.ts
// resolves the page's configuration from them at build time, and `npm run
// deploy` checks them before it deploys anything.
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { EMULATOR_PAGE_DIR } from "functions/contract/local-stack";
import { loadEnv } from "vite";

/** The web workspace: where Vite reads its .env files. */
export const WEB_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Where each build mode writes the page, relative to WEB_DIR: firebase.json
 * hosts `dist` (a test keeps the two equal); the local stack serves the other.
 */
export const OUT_DIRS = {
  production: "dist",
  emulator: relative("web", EMULATOR_PAGE_DIR),
} as const;

export type BuildMode = keyof typeof OUT_DIRS;

export function parseBuildMode(mode: string): BuildMode {
  if (mode === "production" || mode === "emulator") return mode;
  throw new Error(`Build the page with --mode production or --mode emulator, not "${mode}".`);
}

/**
 * web/.env, web/.env.local, web/.env.<mode> and web/.env.<mode>.local as Vite
 * reads them, then the environment's VITE_* variables, which win.
 */
export function pageEnv(mode: BuildMode, env: NodeJS.ProcessEnv = process.env) {
  const fromEnvironment = Object.entries(env).filter(
    (entry): entry is [string, string] => entry[0].startsWith("VITE_") && entry[1] !== undefined,
  );
  return { ...loadEnv(mode, WEB_DIR, "VITE_"), ...Object.fromEntries(fromEnvironment) };
}
