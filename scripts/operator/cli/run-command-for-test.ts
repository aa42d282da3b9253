// Runs an Auth0 command in-process with captured output, as a test would
// read it from a terminal.

import type { ManagementApiStandIn } from "@sms-inbox/local-auth0-stand-in";
import type { Command } from "./command.js";

export interface CommandRun {
  code: number;
  out: string[];
  err: string[];
  /** stdout and stderr interleaved, in order. */
  text: string;
}

export async function runCaptured(
  command: Command,
  argv: string[],
  env: NodeJS.ProcessEnv,
): Promise<CommandRun> {
  const out: string[] = [];
  const err: string[] = [];
  const all: string[] = [];
  const code = await command(argv, {
    env,
    output: {
      out: (line) => {
        out.push(line);
        all.push(line);
      },
      err: (line) => {
        err.push(line);
        all.push(line);
      },
    },
  });
  return { code, out, err, text: all.join("\n") };
}

export const WEBHOOK_SECRET = "stand-in-webhook-secret-0123456789";

/** Settings that point every Auth0 call at the stand-in. */
export function standInEnv(
  standIn: ManagementApiStandIn,
  extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
  return {
    AUTH0_DOMAIN: standIn.origin,
    AUTH0_CLIENT_ID: standIn.clientId,
    AUTH0_CLIENT_SECRET: standIn.clientSecret,
    OTP_WEBHOOK_URL: "https://inbox.example.test/api/otp",
    OTP_WEBHOOK_SECRET: WEBHOOK_SECRET,
    ...extra,
  };
}
