// `npm run auth0:setup [-- --dry-run] [--email] [--authenticator]`: makes the
// tenant deliver SMS codes (and with --email all its email) to the inbox, and
// with --authenticator accept authenticator-app codes. Looks before it changes
// anything, changes only what differs, and ends with what changed and how to
// try it. Safe to run again at any time.
import type { ManagementClient } from "auth0";
import { z } from "zod";
import {
  type Command,
  guarded,
  isEntryPoint,
  parseCommandLine,
  runCommand,
  UsageError,
} from "../cli/command.js";
import {
  ACTION_RUNTIME,
  type ActionTarget,
  actionCode,
  actionSecrets,
  EMAIL_SETUP_ACTION,
  PHONE_SETUP_ACTION,
  readActionBundle,
  SECRET_NAMES,
  type SetupAction,
  TRIGGER_VERSION,
} from "./action-code.js";
import { describeAuth0Error, statusOf } from "./auth0-errors.js";
import {
  isLoopbackUrl,
  loadDotenvFile,
  readAuth0Settings,
  readWebhookSettings,
  type WebhookSettings,
} from "./config.js";
import { createManagementClient } from "./management-client.js";
import type { DesiredAction } from "./plan-action.js";
import {
  type DesiredSetup,
  describeStep,
  planSetup,
  type SetupPlan,
  type SetupStep,
} from "./setup-plan.js";
import { readTenantState } from "./tenant-state.js";
import { checkWebhook } from "./webhook-check.js";

const USAGE = [
  "Usage: npm run auth0:setup [-- --dry-run] [--skip-webhook-check] [--authenticator] [--email [--email-mfa] [--replace-email-provider] [--email-from <address>]]",
  "  --authenticator           also turn on the OTP factor (authenticator apps), before",
  "                            npm run auth0:enrol -- --authenticator; MFA must still be required",
  "  --email                   also install the email Action and make it the tenant's email provider:",
  "                            all of the tenant's email then goes to the inbox, none to real addresses",
  "  --email-mfa               also enable email as an MFA factor (implies --email)",
  "  --replace-email-provider  replace an email provider setup did not set (SendGrid, SMTP, another Action…)",
  "  --email-from <address>    the provider's default sender (default: no-reply@<tenant domain>)",
].join("\n");

export interface SetupOptions {
  /** Waits between polls of the Action's build status (last one repeats). */
  pollDelaysMs?: number[];
  /** Give up waiting for a build after this long (Auth0 builds can take ~45 s). */
  buildTimeoutMs?: number;
  maxRetries?: number;
}

const DEFAULT_POLL_DELAYS_MS = [250, 500, 1000, 2000];
const DEFAULT_BUILD_TIMEOUT_MS = 120_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Repeats `attempt` on the poll schedule until it returns a value or time runs out. */
async function poll<T>(
  what: string,
  attempt: () => Promise<T | undefined>,
  options: Required<Pick<SetupOptions, "pollDelaysMs" | "buildTimeoutMs">>,
): Promise<T> {
  const deadline = Date.now() + options.buildTimeoutMs;
  for (let round = 0; ; round += 1) {
    const result = await attempt();
    if (result !== undefined) return result;
    if (Date.now() >= deadline) {
      throw new UsageError(
        `Timed out waiting for ${what}: run npm run auth0:setup again in a minute.`,
      );
    }
    const delays = options.pollDelaysMs;
    await sleep(delays[Math.min(round, delays.length - 1)] ?? 1000);
  }
}

const isNotBuiltYet = (error: unknown) =>
  statusOf(error) === 400 && /built/i.test(describeAuth0Error(error));
const isNotDeployedYet = (error: unknown) =>
  statusOf(error) === 400 && /deployed/i.test(describeAuth0Error(error));

async function waitUntilBuilt(
  client: ManagementClient,
  actionId: string,
  options: Required<Pick<SetupOptions, "pollDelaysMs" | "buildTimeoutMs">>,
): Promise<void> {
  await poll(
    "Auth0 to build the Action",
    async () => {
      const action = await client.actions.get(actionId);
      if (action.status === "failed") {
        throw new UsageError(
          "Auth0 could not build the Action (status failed): see Actions → Library in the Dashboard.",
        );
      }
      return action.status === "built" ? true : undefined;
    },
    options,
  );
}

/** Calls `call`, and while Auth0 says the Action is not ready yet, waits and calls again. */
async function whenReady(
  what: string,
  call: () => Promise<unknown>,
  notReady: (error: unknown) => boolean,
  options: Required<Pick<SetupOptions, "pollDelaysMs" | "buildTimeoutMs">>,
): Promise<void> {
  await poll(
    what,
    async () => {
      try {
        await call();
        return true;
      } catch (error) {
        if (notReady(error)) return undefined;
        throw error;
      }
    },
    options,
  );
}

async function carryOut(
  client: ManagementClient,
  plan: SetupPlan,
  desired: DesiredSetup,
  webhook: WebhookSettings,
  keptValues: Readonly<Record<string, string | undefined>>,
  done: (step: SetupStep, description: string) => void,
  options: Required<Pick<SetupOptions, "pollDelaysMs" | "buildTimeoutMs">>,
): Promise<void> {
  // Ids as the plan knows them, filled in by a create step.
  const ids: Partial<Record<ActionTarget, string>> = {
    phone: plan.actions.phone.id,
    email: plan.actions.email?.id,
  };
  const actions = { ...plan.actions };
  const desiredAction = (target: ActionTarget): DesiredAction => {
    const action = target === "phone" ? desired.phone : desired.email?.action;
    if (!action) throw new Error(`internal: no desired ${target} Action`);
    return action;
  };
  const needAction = (target: ActionTarget): string => {
    const id = ids[target];
    if (!id) throw new Error(`internal: no ${target} Action id for a step that needs one`);
    return id;
  };
  for (const step of plan.steps) {
    const description = describeStep(step, { actions });
    switch (step.kind) {
      case "create-action": {
        const action = desiredAction(step.target);
        const created = await client.actions.create({
          name: action.name,
          supported_triggers: [{ id: action.triggerId, version: TRIGGER_VERSION }],
          code: action.code,
          runtime: desired.runtime,
          dependencies: [],
          secrets: actionSecrets(webhook),
        });
        if (!created.id) throw new Error("Auth0 created the Action but returned no id");
        ids[step.target] = created.id;
        const planned = actions[step.target];
        if (planned) actions[step.target] = { ...planned, id: created.id };
        break;
      }
      case "update-action":
        // Auth0 replaces the whole secrets list when one is sent: send none
        // unless setup's own must change, and then every secret it keeps too.
        await client.actions.update(needAction(step.target), {
          code: desiredAction(step.target).code,
          runtime: desired.runtime,
          dependencies: [],
          ...(step.writesSecrets
            ? {
                secrets: [
                  ...actionSecrets(webhook),
                  ...step.keeps.map((name) => ({ name, value: keptValues[name] ?? "" })),
                ],
              }
            : {}),
        });
        break;
      case "deploy-action":
        await waitUntilBuilt(client, needAction(step.target), options);
        await whenReady(
          "the Action to deploy",
          () => client.actions.deploy(needAction(step.target)),
          isNotBuiltYet,
          options,
        );
        break;
      case "bind-action": {
        const action = actions[step.target];
        await whenReady(
          "the deployed Action to bind",
          () =>
            client.actions.triggers.bindings.updateMany(desiredAction(step.target).triggerId, {
              bindings: [
                {
                  ref: { type: "action_id", value: needAction(step.target) },
                  display_name: action?.name,
                },
              ],
            }),
          isNotDeployedYet,
          options,
        );
        break;
      }
      case "enable-consolidated-phone":
        await client.tenants.settings.update({ phone_consolidated_experience: true });
        break;
      case "create-provider":
        await client.branding.phone.providers.create({
          name: "custom",
          disabled: false,
          configuration: { delivery_methods: step.deliveryMethods as ("text" | "voice")[] },
          credentials: {},
        });
        break;
      case "update-provider":
        await client.branding.phone.providers.update(step.providerId, {
          name: "custom",
          disabled: false,
          configuration: { delivery_methods: step.deliveryMethods as ("text" | "voice")[] },
          credentials: {},
        });
        break;
      case "enable-sms-factor":
        await client.guardian.factors.set("sms", { enabled: true });
        break;
      case "enable-otp-factor":
        await client.guardian.factors.set("otp", { enabled: true });
        break;
      case "set-message-types":
        await client.guardian.factors.phone.setMessageTypes({
          message_types: step.to as ("sms" | "voice")[],
        });
        break;
      case "create-email-provider":
      case "update-email-provider": {
        // The custom provider has no credentials of its own: the Action delivers.
        const provider = {
          name: "custom",
          enabled: true,
          default_from_address: step.fromAddress,
          credentials: {},
        } as const;
        if (step.kind === "create-email-provider") await client.emails.provider.create(provider);
        else await client.emails.provider.update(provider);
        break;
      }
      case "enable-email-factor":
        await client.guardian.factors.set("email", { enabled: true });
        break;
    }
    done(step, description);
  }
}

const isEmailAddress = (value: string): boolean => z.email().safeParse(value).success;

/** The sender a new email provider gets unless --email-from names one. */
export const defaultFromAddress = (origin: string): string =>
  `no-reply@${new URL(origin).hostname}`;

function desiredAction(action: SetupAction, webhook: WebhookSettings): DesiredAction {
  return {
    target: action.target,
    name: action.name,
    triggerId: action.triggerId,
    code: actionCode(readActionBundle(action.bundle), webhook),
  };
}

export function setupCommand(options: SetupOptions = {}): Command {
  const timing = {
    pollDelaysMs: options.pollDelaysMs ?? DEFAULT_POLL_DELAYS_MS,
    buildTimeoutMs: options.buildTimeoutMs ?? DEFAULT_BUILD_TIMEOUT_MS,
  };
  return (argv, { env, output }) =>
    guarded(
      output,
      async () => {
        const { values } = parseCommandLine(
          argv,
          {
            "dry-run": { type: "boolean", default: false },
            "skip-webhook-check": { type: "boolean", default: false },
            email: { type: "boolean", default: false },
            authenticator: { type: "boolean", default: false },
            "email-mfa": { type: "boolean", default: false },
            "replace-email-provider": { type: "boolean", default: false },
            "email-from": { type: "string" },
            help: { type: "boolean", short: "h", default: false },
          },
          USAGE,
        );
        if (values.help) {
          output.out(USAGE);
          return 0;
        }
        const dryRun = values["dry-run"] === true;
        const emailMfa = values["email-mfa"] === true;
        const email = values.email === true || emailMfa;
        const authenticator = values.authenticator === true;
        const emailFrom =
          typeof values["email-from"] === "string" ? values["email-from"].trim() : undefined;
        if (!email && (values["replace-email-provider"] || emailFrom !== undefined)) {
          throw new UsageError(
            `--replace-email-provider and --email-from go with --email.\n${USAGE}`,
          );
        }
        if (emailFrom !== undefined && !isEmailAddress(emailFrom)) {
          throw new UsageError(
            `--email-from "${emailFrom}" is not an email address such as no-reply@example.com`,
          );
        }
        const auth0 = readAuth0Settings(env);
        const webhook = readWebhookSettings(env);
        const desired: DesiredSetup = {
          phone: desiredAction(PHONE_SETUP_ACTION, webhook),
          runtime: ACTION_RUNTIME,
          secretNames: SECRET_NAMES,
          availableValues: Object.keys(env).filter((name) => env[name]?.trim()),
          authenticator,
          ...(email
            ? {
                email: {
                  action: desiredAction(EMAIL_SETUP_ACTION, webhook),
                  mfa: emailMfa,
                  replaceProvider: values["replace-email-provider"] === true,
                  fromAddress: emailFrom ?? defaultFromAddress(auth0.origin),
                  fromAddressExplicit: emailFrom !== undefined,
                },
              }
            : {}),
        };

        output.out(`Tenant ${auth0.domain}${dryRun ? " (dry run: nothing will be changed)" : ""}`);
        output.out(`Webhook ${webhook.url}`);
        if (isLoopbackUrl(webhook.url) && !isLoopbackUrl(auth0.origin)) {
          output.err(
            "! OTP_WEBHOOK_URL is on this machine: Auth0's servers cannot reach it. Use the deployed https URL.",
          );
        }
        if (!values["skip-webhook-check"]) {
          const check = await checkWebhook(webhook.url, webhook.secret);
          if (check.ok) output.out("✔ the webhook accepts OTP_WEBHOOK_SECRET");
          else
            output.err(
              `! Webhook check: ${check.problem}. Codes will not arrive until this is fixed.`,
            );
        }

        const client = createManagementClient(auth0, { maxRetries: options.maxRetries });
        const plan = planSetup(await readTenantState(client, { email }), desired);
        for (const warning of plan.warnings) output.err(`! ${warning}`);
        for (const line of plan.unchanged) output.out(`= ${line}`);
        if (plan.blockers.length > 0) {
          for (const blocker of plan.blockers) output.err(`✖ ${blocker}`);
          output.err("Nothing was changed.");
          return 1;
        }

        if (plan.steps.length === 0) {
          output.out("Nothing to change: the tenant already delivers codes to the inbox.");
          printNextSteps(output, { email, authenticator });
          return 0;
        }
        if (dryRun) {
          output.out("Would change:");
          for (const step of plan.steps) output.out(`  + ${describeStep(step, plan)}`);
          output.out(
            `Dry run: nothing was changed. Run without --dry-run to apply these ${plan.steps.length} changes.`,
          );
          return 0;
        }

        const changed: string[] = [];
        try {
          await carryOut(
            client,
            plan,
            desired,
            webhook,
            env,
            (_step, description) => {
              changed.push(description);
              output.out(`✔ ${description}`);
            },
            timing,
          );
        } catch (error) {
          output.err(`✖ ${describeAuth0Error(error)}`);
          output.err(
            changed.length
              ? `Stopped after ${changed.length} of ${plan.steps.length} changes; running again continues from here.`
              : "Nothing was changed.",
          );
          return 1;
        }
        const kept = plan.unchanged.length;
        output.out(
          `Done: ${changed.length} change${changed.length === 1 ? "" : "s"} made (✔ above)${kept ? `, ${kept} already in place (= above)` : ""}.`,
        );
        printNextSteps(output, { email, authenticator });
        return 0;
      },
      describeAuth0Error,
    );
}

function printNextSteps(
  output: { out(line: string): void },
  { email, authenticator }: { email: boolean; authenticator: boolean },
): void {
  output.out("Next:");
  output.out(
    authenticator
      ? "  npm run auth0:enrol -- --authenticator   # the demo users' numbers and authenticators"
      : "  npm run auth0:enrol                      # pre-enrol the demo users' numbers",
  );
  output.out(
    "  npm run auth0:test-sms -- +61400000001   # Auth0 sends a test SMS; watch the inbox",
  );
  if (email) {
    output.out(
      "  Dashboard → Branding → Email Provider → Send Test Email   # the email appears in the inbox",
    );
  }
  if (authenticator) {
    // Setup turns factors on but never decides who must use one: that is the tenant owner's.
    output.out(
      "  Auth0 asks for an authenticator code only where MFA is required: a policy (Security → Multi-factor Auth → Require Multi-factor Auth) or a post-login Action must require it; setup does not.",
    );
  }
}

if (isEntryPoint(import.meta.url)) {
  loadDotenvFile();
  runCommand(setupCommand(), describeAuth0Error);
}
