// Test helpers that exercise the Action as Auth0 runs it: the built CommonJS
// file, required fresh, called with an event and a recording `api`.
import { createRequire } from "node:module";
import { ACTION_BUNDLE, buildAction } from "../build.js";
import type { CustomPhoneProviderApi, CustomPhoneProviderEvent } from "../src/auth0-event.js";

export interface BuiltAction {
  onExecuteCustomPhoneProvider(
    event: CustomPhoneProviderEvent,
    api: CustomPhoneProviderApi,
  ): Promise<void>;
}

/** Builds the bundle exactly as `npm run build` does, then loads that file. */
export async function loadBuiltAction(): Promise<BuiltAction> {
  await buildAction();
  const require = createRequire(import.meta.url);
  delete require.cache[ACTION_BUNDLE];
  return require(ACTION_BUNDLE) as BuiltAction;
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
