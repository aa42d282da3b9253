// Test helpers that exercise the Action as Auth0 runs it: the built CommonJS
// file, required fresh, called with an event and a recording `api`.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ACTION_BUNDLE, buildAction, buildEmailAction, EMAIL_ACTION_BUNDLE } from "../build.js";
import type { CustomPhoneProviderApi, CustomPhoneProviderEvent } from "../src/auth0-event.js";
import type { CustomEmailProviderApi, CustomEmailProviderEvent } from "../src/email-event.js";

export interface BuiltAction {
  onExecuteCustomPhoneProvider(
    event: CustomPhoneProviderEvent,
    api: CustomPhoneProviderApi,
  ): Promise<void>;
}

export interface BuiltEmailAction {
  onExecuteCustomEmailProvider(
    event: CustomEmailProviderEvent,
    api: CustomEmailProviderApi,
  ): Promise<void>;
}

const requireCjs = createRequire(import.meta.url);

function requireFresh<T = BuiltAction>(path: string): T {
  delete requireCjs.cache[path];
  return requireCjs(path) as T;
}

/** Builds the bundle exactly as `npm run build` does, then loads that file. */
export async function loadBuiltAction(): Promise<BuiltAction> {
  await buildAction();
  return requireFresh(ACTION_BUNDLE);
}

/** The email Action, built as `npm run build` does, then loaded from that file. */
export async function loadBuiltEmailAction(): Promise<BuiltEmailAction> {
  await buildEmailAction();
  return requireFresh<BuiltEmailAction>(EMAIL_ACTION_BUNDLE);
}

/**
 * Loads Action code from its text, as uploaded to a tenant (the bundle plus
 * whatever setup appends), for a stand-in that runs what was deployed.
 */
export function loadActionCode(code: string): BuiltAction {
  const dir = mkdtempSync(join(tmpdir(), "action-code-"));
  // .cjs: the bundle is CommonJS, and no package.json up from tmpdir says so.
  const file = join(dir, "action.cjs");
  try {
    writeFileSync(file, code);
    return requireFresh(file);
  } finally {
    // The bundle requires nothing, so once loaded the file is no longer needed.
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface RecordingApi extends CustomPhoneProviderApi {
  drops: string[];
  retries: string[];
}

export function recordingApi(): RecordingApi {
  const drops: string[] = [];
  const retries: string[] = [];
  return {
    drops,
    retries,
    notification: {
      drop: (reason) => void drops.push(reason),
      retry: (reason) => void retries.push(reason),
    },
  };
}
