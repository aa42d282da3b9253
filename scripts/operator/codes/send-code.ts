// `npm run send-code -- [--url …] [--to +61400000001] [--code 123456] [...]`:
// posts a realistic notification to a webhook exactly as the Auth0 Action
// would (same mapping, headers, idempotency key, time bound and verdict), to
// try a deployment without Auth0. Targets the local stack unless --url says
// otherwise. The payload names the number's demo user, as a login would.
// With `--email-to <address>` it posts an email instead, as the
// custom-email-provider Action would: Auth0-like HTML with a code or a link.
import { deliver } from "action/deliver";
import type { DeliveryOutcome } from "action/outcome";
import { sampleEvent } from "action/sample-event";
import { idempotencyKey } from "action/webhook-request";
import { EMAIL_LIMITS } from "functions/contract/email";
import {
  type DeliveryMethod,
  EMAIL_PATTERN,
  isE164,
  MESSAGE_TYPES,
  type MessageType,
  OTP_CODE_PATTERN,
  WEBHOOK_PATH,
} from "functions/contract/notification";
import { describeAuth0Error } from "../auth0/auth0-errors.js";
import { loadDotenvFile } from "../auth0/config.js";
import {
  type DemoUser,
  defaultDemoUsersPath,
  loadDemoUsers,
  usersOn,
} from "../auth0/demo-users.js";
import {
  type Command,
  guarded,
  isEntryPoint,
  type Output,
  parseCommandLine,
  runCommand,
  UsageError,
} from "../cli/command.js";
import { readLocalWebhookSecret } from "../cli/local-secrets.js";
import { LOCAL_SECRETS_PATH, localEmulatorPorts } from "../cli/repo-facts.js";
import { emailIdempotencyKey, emailNotification, postEmail } from "./email-notification.js";

const USAGE = `Usage: npm run send-code -- [options]
  --url <url>       webhook to post to (default: the local stack, ${WEBHOOK_PATH} on the Hosting emulator)
  --to <+E.164>     recipient (default +61400000001)
  --code <digits>   the one-time code (default: a random 6-digit code)
  --type <type>     ${MESSAGE_TYPES.join(" | ")} (default otp_verify)
  --voice           deliver as a voice message instead of text
  --email <email>   the Auth0 user's email in the payload (default: the number's demo user)
  --no-user         name no user in the payload, as the seed article's Action and test SMSs do
  --users-file <f>  the demo users file for the default user (default: the one auth0:enrol reads)
  --tenant <name>   tenant name in the payload (default demo-tenant)
  --repeat          post the same notification twice, as an Auth0 retry would
An email instead, as the custom-email-provider Action would post it:
  --email-to <addr> the address Auth0 sends it to (makes it an email; --to, --type, --voice do not apply)
  --email-type <t>  any message type: verify_email, mfa_oob_code, reset_email … (default mfa_oob_code)
  --code <digits>   the code of a code email (default: a random 6-digit code)
  --link <url>      the link of a link email (default: a fresh ticket URL on the tenant's domain);
                    with an undocumented type (passwordless), makes it a magic-link email
  --email <email>   the Auth0 user in the payload (default: the --email-to address); --no-user: none
The secret: OTP_WEBHOOK_SECRET from the environment or .env; for the local stack, functions/.secret.local.`;

/** The local stack's webhook, honouring SMS_INBOX_HOSTING_PORT like the stack does. */
export function localWebhookUrl(env: NodeJS.ProcessEnv): string {
  return `http://127.0.0.1:${localEmulatorPorts(env).hosting}${WEBHOOK_PATH}`;
}

/**
 * Whom the payload names: --email, else the one demo user on the number (as
 * their login would), else nobody. A number several demo users share names
 * nobody: a login would be one of them, and guessing would show the code under
 * the wrong person.
 */
export function payloadUser(
  to: string,
  users: readonly DemoUser[],
  options: { email?: string; noUser?: boolean },
): { email?: string; note: string } {
  if (options.noUser) return { note: "no user in the payload (--no-user)" };
  if (options.email !== undefined) return { email: options.email, note: options.email };
  const on = usersOn(users, to);
  const [only] = on;
  if (only && on.length === 1) return { email: only.email, note: only.email };
  if (on.length > 1) {
    return {
      note: `no user in the payload: ${to} is shared by ${on.map((user) => user.email).join(", ")} (pick one with --email)`,
    };
  }
  return { note: `no user in the payload: ${to} is not in the demo users file` };
}

export const sendCodeCommand: Command = (argv, { env, output }) =>
  guarded(
    output,
    async () => {
      const { values } = parseCommandLine(
        argv,
        {
          url: { type: "string" },
          to: { type: "string" },
          code: { type: "string" },
          type: { type: "string" },
          voice: { type: "boolean", default: false },
          email: { type: "string" },
          "no-user": { type: "boolean", default: false },
          "users-file": { type: "string" },
          tenant: { type: "string", default: "demo-tenant" },
          repeat: { type: "boolean", default: false },
          "email-to": { type: "string" },
          "email-type": { type: "string" },
          link: { type: "string" },
          help: { type: "boolean", short: "h", default: false },
        },
        USAGE,
      );
      if (values.help) {
        output.out(USAGE);
        return 0;
      }
      const email = emailArguments(values);
      const to = values.to ?? "+61400000001";
      const type = values.type ?? "otp_verify";
      if (!email) {
        if (!isE164(to))
          throw new UsageError(`--to "${to}" is not an E.164 number such as +61400000001.`);
        if (!(MESSAGE_TYPES as readonly string[]).includes(type)) {
          throw new UsageError(`--type must be one of ${MESSAGE_TYPES.join(", ")}.`);
        }
      }
      if (values.code !== undefined && !OTP_CODE_PATTERN.test(values.code)) {
        throw new UsageError("--code must be 4 to 10 digits.");
      }
      if (values.email !== undefined && values["no-user"]) {
        throw new UsageError("--email names a user and --no-user names none: pass one of them.");
      }
      const local = values.url === undefined;
      const url = values.url ?? localWebhookUrl(env);
      // The secret that belongs to the target: the local stack's own, or the configured one.
      const secret = local
        ? (readLocalWebhookSecret(LOCAL_SECRETS_PATH) ?? env.OTP_WEBHOOK_SECRET)
        : env.OTP_WEBHOOK_SECRET;
      if (!secret) {
        throw new UsageError(
          local
            ? "No local webhook secret: start the local stack once (npm start) to create functions/.secret.local."
            : "Set OTP_WEBHOOK_SECRET (in the environment or .env) to the webhook's secret.",
        );
      }

      if (email) {
        return sendEmail(
          {
            ...email,
            ...(values.code !== undefined ? { code: values.code } : {}),
            ...(values["no-user"] ? {} : { userEmail: values.email ?? email.to }),
            tenant: values.tenant,
            correlationId: `send-code-${Date.now()}`,
          },
          { url, secret, repeat: values.repeat === true },
          output,
        );
      }

      const { users } = loadDemoUsers(values["users-file"] ?? defaultDemoUsersPath());
      const user = payloadUser(to, users, {
        ...(values.email !== undefined ? { email: values.email } : {}),
        noUser: values["no-user"] === true,
      });
      const messageType = type as MessageType;
      const deliveryMethod: DeliveryMethod = values.voice ? "voice" : "text";
      const event = sampleEvent({
        recipient: to,
        ...(values.code ? { code: values.code } : {}),
        messageType,
        deliveryMethod,
        ...(user.email ? { userEmail: user.email, userId: `auth0|send-code-${user.email}` } : {}),
        noUser: user.email === undefined,
        tenant: values.tenant,
        correlationId: `send-code-${Date.now()}`,
        secrets: { OTP_WEBHOOK_URL: url, OTP_WEBHOOK_SECRET: secret },
      });
      const code = event.notification.code;
      output.out(
        `Posting ${messageType} (${deliveryMethod}) for ${to}${code ? ` with code ${code}` : ""} to ${url}`,
      );
      output.out(`User: ${user.note}`);
      output.out(`Idempotency-Key ${await idempotencyKey(event, secret)}`);

      return reportAttempts(() => deliver(event), values.repeat === true, output);
    },
    describeAuth0Error,
  );

/** Posts once, or twice with --repeat, and says what the Action would make of each answer. */
async function reportAttempts(
  attempt: () => Promise<DeliveryOutcome>,
  repeat: boolean,
  output: Output,
): Promise<number> {
  let failed = false;
  for (let n = 1; n <= (repeat ? 2 : 1); n += 1) {
    const outcome = await attempt();
    const label = repeat ? `attempt ${n}: ` : "";
    if (outcome.kind === "delivered") {
      const stored = outcome.status === 201 ? "stored" : "already stored (same key)";
      output.out(
        `✔ ${label}HTTP ${outcome.status}, ${stored}${outcome.id ? ` as ${outcome.id}` : ""}`,
      );
    } else {
      failed = true;
      const verdict = outcome.kind === "retry" ? "Auth0 would retry" : "Auth0 would drop it";
      output.err(`✖ ${label}${outcome.reason} (${verdict})`);
    }
  }
  return failed ? 1 : 0;
}

interface EmailArguments {
  to: string;
  messageType: string;
  link?: string;
}

/**
 * The email's own arguments when --email-to asks for one, checked; undefined
 * for a phone code. The phone-only options are refused beside it rather than
 * ignored, and the email-only ones without it.
 */
export function emailArguments(values: {
  "email-to"?: string | undefined;
  "email-type"?: string | undefined;
  link?: string | undefined;
  to?: string | undefined;
  type?: string | undefined;
  voice?: boolean | undefined;
}): EmailArguments | undefined {
  const to = values["email-to"];
  if (to === undefined) {
    if (values["email-type"] !== undefined || values.link !== undefined) {
      throw new UsageError("--email-type and --link describe an email: add --email-to <address>.");
    }
    return undefined;
  }
  if (values.to !== undefined || values.type !== undefined || values.voice) {
    throw new UsageError(
      "--to, --type and --voice describe a phone code; an email takes --email-to and --email-type.",
    );
  }
  if (to.length > 254 || !EMAIL_PATTERN.test(to)) {
    throw new UsageError(`--email-to "${to}" is not an email address such as alice@example.com.`);
  }
  const messageType = values["email-type"] ?? "mfa_oob_code";
  if (
    messageType.length > EMAIL_LIMITS.maxMessageTypeChars ||
    !/^[A-Za-z0-9_.-]+$/.test(messageType)
  ) {
    throw new UsageError(
      `--email-type "${messageType}" must be a message type such as verify_email.`,
    );
  }
  const link = values.link;
  if (link !== undefined && !/^https?:\/\/\S+$/i.test(link)) {
    throw new UsageError(`--link "${link}" must be an http(s) URL.`);
  }
  return { to, messageType, ...(link !== undefined ? { link } : {}) };
}

async function sendEmail(
  request: Parameters<typeof emailNotification>[0],
  target: { url: string; secret: string; repeat: boolean },
  output: Output,
): Promise<number> {
  const notification = emailNotification(request);
  const carries = notification.code
    ? ` with code ${notification.code}`
    : notification.link
      ? ` with link ${notification.link}`
      : "";
  output.out(`Posting ${request.messageType} (email) for ${request.to}${carries} to ${target.url}`);
  output.out(`User: ${request.userEmail ?? "no user in the payload (--no-user)"}`);
  const idempotencyKey = await emailIdempotencyKey(
    notification,
    request.correlationId,
    target.secret,
  );
  output.out(`Idempotency-Key ${idempotencyKey}`);
  return reportAttempts(
    () => postEmail({ ...target, idempotencyKey }, notification.body),
    target.repeat,
    output,
  );
}

if (isEntryPoint(import.meta.url)) {
  loadDotenvFile();
  runCommand(sendCodeCommand, describeAuth0Error);
}
