// wait-for-code's command line, parsed without I/O into what to do: wait on
// the inbox's codes API (HTTP mode) or on Firestore directly (local mode).
import { checkTypes, defaultSelection, isChannel } from "functions/codes-api/selection";
import { CHANNELS, type Channel } from "functions/contract/channel";
import { AUTHENTICATOR_API_LIMITS, AUTHENTICATOR_CHANNEL } from "functions/contract/codes-api";
import type { StoredMessageType } from "functions/contract/firestore-schema";
import { maySendSecretTo } from "functions/contract/webhook-url";
import { parseCommandLine, UsageError } from "../cli/command.js";
import { type CodeTarget, parseTarget } from "./code-target.js";

export const WAIT_USAGE = `Usage: npm run -s wait-for-code -- <email | label | +E.164 number> [options]
  --url <inbox URL>  wait through the inbox's codes API (or set SMS_INBOX_URL); the token
                     comes from SMS_INBOX_READ_TOKEN (a local inbox's from functions/.secret.local)
                     Without either, waits on Firestore directly (the local stack, or a
                     project via GOOGLE_CLOUD_PROJECT and Application Default Credentials)
  --timeout <s>      give up after this many seconds (default 30): exit code 2
  --since <s>        also accept a code received up to this many seconds ago
                     (default: only a code newer than the newest one there now)
  --channel <c>      sms, voice, email or authenticator (default: sms and voice, never email)
                     authenticator: the user's current authenticator (TOTP) code, computed
                     by the inbox from the secret it holds; printed at once
  --min-valid-seconds <s>  with --channel authenticator: a code that stays current at
                     least this long (0–${AUTHENTICATOR_API_LIMITS.maxMinValidSeconds}, default ${AUTHENTICATOR_API_LIMITS.defaultMinValidSeconds}); may wait for the next one
  --type <types>     message types to accept, comma-separated (default otp_verify,otp_enroll;
                     with --channel email any email type, such as verify_email, mfa_oob_code)
  --link             print the email's main link (verify, reset, magic link) instead of a code;
                     implies --channel email. Exit code 1 when the email has none
  --json             print the whole answer as JSON instead of the bare code
Exit codes: 0 printed a code, 1 refused or failed, 2 timed out, 64 usage error.`;

export interface WaitPlan {
  target: CodeTarget;
  /** The positional as given, for messages. */
  asked: string;
  timeoutMs: number;
  /** Seconds back from now that still count; undefined: only codes newer than the newest now. */
  sinceSeconds: number | undefined;
  /** undefined: phone codes (sms and voice), as the codes API without `channel`. */
  channel: Channel | undefined;
  types: StoredMessageType[] | undefined;
  /** Print the email's main link instead of the code. */
  link: boolean;
  json: boolean;
  /** --channel authenticator: a computed code, not a delivery (channel is then undefined). */
  authenticator?: { minValidSeconds: number };
  source: { kind: "http"; baseUrl: string; token: string } | { kind: "firestore" };
}

const OPTIONS = {
  url: { type: "string" },
  timeout: { type: "string", default: "30" },
  since: { type: "string" },
  channel: { type: "string" },
  "min-valid-seconds": { type: "string" },
  type: { type: "string" },
  link: { type: "boolean", default: false },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

/** null means --help. `localReadToken` reads the local stack's token, only asked for a loopback URL. */
export function parseWaitArgs(
  argv: string[],
  env: NodeJS.ProcessEnv,
  localReadToken: () => string | undefined,
): WaitPlan | null {
  const { values, positionals } = parseCommandLine(argv, OPTIONS, WAIT_USAGE, true);
  if (values.help) return null;
  if (positionals.length !== 1)
    throw new UsageError(`Say whose code to wait for, once.\n${WAIT_USAGE}`);
  const asked = positionals[0] ?? "";
  let target: CodeTarget;
  try {
    target = parseTarget(asked);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }

  const timeout = Number(values.timeout);
  if (!(timeout > 0))
    throw new UsageError(`--timeout must be a number of seconds above 0.\n${WAIT_USAGE}`);
  const since = values.since === undefined ? undefined : Number(values.since);
  if (since !== undefined && !(since >= 0))
    throw new UsageError(`--since must be a number of seconds, 0 or more.\n${WAIT_USAGE}`);

  const authenticator = values.channel === AUTHENTICATOR_CHANNEL;
  if (values.channel !== undefined && !authenticator && !isChannel(values.channel))
    throw new UsageError(
      `--channel must be one of ${[...CHANNELS, AUTHENTICATOR_CHANNEL].join(", ")}.\n${WAIT_USAGE}`,
    );
  let minValidSeconds: number = AUTHENTICATOR_API_LIMITS.defaultMinValidSeconds;
  if (values["min-valid-seconds"] !== undefined) {
    const max = AUTHENTICATOR_API_LIMITS.maxMinValidSeconds;
    if (!authenticator)
      throw new UsageError(`--min-valid-seconds goes with --channel authenticator.\n${WAIT_USAGE}`);
    const given = values["min-valid-seconds"].trim();
    if (!/^\d{1,2}$/.test(given) || Number(given) > max)
      throw new UsageError(
        `--min-valid-seconds must be a whole number of seconds from 0 to ${max}.\n${WAIT_USAGE}`,
      );
    minValidSeconds = Number(given);
  }
  if (authenticator) {
    if (target.kind === "number")
      throw new UsageError(
        `An authenticator belongs to a demo user: give their email or label, not a number.\n${WAIT_USAGE}`,
      );
    const misplaced = [
      values.link && "--link",
      values.type !== undefined && "--type",
      values.since !== undefined && "--since",
    ].filter(Boolean);
    if (misplaced.length > 0)
      throw new UsageError(
        `${misplaced.join(", ")}: not with --channel authenticator, whose code is computed, never received.\n${WAIT_USAGE}`,
      );
  }
  // Only an email has a link to print, so --link means an email unless told otherwise.
  const channel = authenticator
    ? undefined
    : ((values.channel as Channel | undefined) ?? (values.link ? "email" : undefined));
  if (values.link && channel !== "email")
    throw new UsageError(`--link prints an email's link: it needs --channel email.\n${WAIT_USAGE}`);

  if (channel === "email" && target.kind === "number")
    throw new UsageError(
      `An email is found by the address it was sent to (or its user's label), not a number.\n${WAIT_USAGE}`,
    );

  let types: StoredMessageType[] | undefined;
  if (values.type !== undefined) {
    const listed = values.type.split(",").map((type) => type.trim());
    const checked = checkTypes(defaultSelection(channel).channels, listed);
    if (!checked.ok) throw new UsageError(`--type: ${checked.message}`);
    types = checked.types;
  }

  const plan = {
    target,
    asked,
    timeoutMs: timeout * 1000,
    sinceSeconds: since,
    channel,
    types,
    link: values.link,
    json: values.json,
    ...(authenticator ? { authenticator: { minValidSeconds } } : {}),
  };
  const url = values.url ?? env.SMS_INBOX_URL;
  if (!url) return { ...plan, source: { kind: "firestore" } };

  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--url ${url} is not a URL such as https://my-inbox.web.app`);
  }
  if (!maySendSecretTo(parsed))
    throw new UsageError(
      `--url must be https (or http on this machine): the read token would travel in the clear to ${parsed.host}`,
    );
  // Plain http passed the check above only for this machine: the local stack, whose token is on disk.
  const token =
    env.SMS_INBOX_READ_TOKEN || (parsed.protocol === "http:" ? localReadToken() : undefined);
  if (!token)
    throw new UsageError(
      "Set SMS_INBOX_READ_TOKEN to one of the inbox's OTP_READ_TOKEN values (see docs/codes-api.md).",
    );
  return { ...plan, source: { kind: "http", baseUrl: parsed.toString(), token } };
}
