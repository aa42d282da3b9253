// `npm run auth0:setup [-- --dry-run]`: makes the tenant deliver SMS codes to
// the inbox. Looks before it changes anything, changes only what differs, and
// ends with what changed and how to try it. Safe to run again at any time.
import type { ManagementClient } from "auth0";
import {
  type Command,
  guarded,
  isEntryPoint,
  parseCommandLine,
  runCommand,
  UsageError,
} from "../cli/command.js";
import {
  ACTION_NAME,
  ACTION_RUNTIME,
  actionCode,
  actionSecrets,
  readActionBundle,
  SECRET_NAMES,
  TRIGGER_ID,
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
import {
  type DesiredSetup,
  describeStep,
  planSetup,
  type SetupPlan,
  type SetupStep,
} from "./setup-plan.js";
import { readTenantState } from "./tenant-state.js";
import { checkWebhook } from "./webhook-check.js";

const USAGE = "Usage: npm run auth0:setup [-- --dry-run] [--skip-webhook-check]";

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
  let actionId = plan.actionId;
  const needAction = (): string => {
    if (!actionId) throw new Error("internal: no Action id for a step that needs one");
    return actionId;
  };
  for (const step of plan.steps) {
    const description = describeStep(step, { actionId, actionName: plan.actionName });
    switch (step.kind) {
      case "create-action": {
        const created = await client.actions.create({
          name: desired.actionName,
          supported_triggers: [{ id: TRIGGER_ID, version: TRIGGER_VERSION }],
          code: desired.code,
          runtime: desired.runtime,
          dependencies: [],
          secrets: actionSecrets(webhook),
        });
        if (!created.id) throw new Error("Auth0 created the Action but returned no id");
        actionId = created.id;
        break;
      }
      case "update-action":
        // Auth0 replaces the whole secrets list when one is sent: send none
        // unless setup's own must change, and then every secret it keeps too.
        await client.actions.update(needAction(), {
          code: desired.code,
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
        await waitUntilBuilt(client, needAction(), options);
        await whenReady(
          "the Action to deploy",
          () => client.actions.deploy(needAction()),
          isNotBuiltYet,
          options,
        );
        break;
      case "bind-action":
        await whenReady(
          "the deployed Action to bind",
          () =>
            client.actions.triggers.bindings.updateMany(TRIGGER_ID, {
              bindings: [
                { ref: { type: "action_id", value: needAction() }, display_name: plan.actionName },
              ],
            }),
          isNotDeployedYet,
          options,
        );
        break;
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
      case "set-message-types":
        await client.guardian.factors.phone.setMessageTypes({
          message_types: step.to as ("sms" | "voice")[],
        });
        break;
    }
    done(step, description);
  }
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
            help: { type: "boolean", short: "h", default: false },
          },
          USAGE,
        );
        if (values.help) {
          output.out(USAGE);
          return 0;
        }
        const dryRun = values["dry-run"] === true;
        const auth0 = readAuth0Settings(env);
        const webhook = readWebhookSettings(env);
        const desired: DesiredSetup = {
          actionName: ACTION_NAME,
          code: actionCode(readActionBundle(), webhook),
          runtime: ACTION_RUNTIME,
          secretNames: SECRET_NAMES,
          availableValues: Object.keys(env).filter((name) => env[name]?.trim()),
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
        const plan = planSetup(await readTenantState(client), desired);
        for (const warning of plan.warnings) output.err(`! ${warning}`);
        for (const line of plan.unchanged) output.out(`= ${line}`);
        if (plan.blockers.length > 0) {
          for (const blocker of plan.blockers) output.err(`✖ ${blocker}`);
          output.err("Nothing was changed.");
          return 1;
        }

        if (plan.steps.length === 0) {
          output.out("Nothing to change: the tenant already delivers codes to the inbox.");
          printNextSteps(output);
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
        printNextSteps(output);
        return 0;
      },
      describeAuth0Error,
    );
}

function printNextSteps(output: { out(line: string): void }): void {
  output.out("Next:");
  output.out("  npm run auth0:enrol                      # pre-enrol the demo users' numbers");
  output.out(
    "  npm run auth0:test-sms -- +61400000001   # Auth0 sends a test SMS; watch the inbox",
  );
}

if (isEntryPoint(import.meta.url)) {
  loadDotenvFile();
  runCommand(setupCommand(), describeAuth0Error);
}
