// Decides what `auth0:setup` must change, from what the tenant has now. Pure:
// the dry run prints this plan, the real run carries it out, and a tenant that
// is already set up yields no steps at all.
import { TRIGGER_ID } from "./action-code.js";
import type { ActionState, TenantState } from "./tenant-state.js";

export interface DesiredSetup {
  actionName: string;
  /** Bundle plus fingerprint line (see action-code.ts). */
  code: string;
  runtime: string;
  secretNames: readonly string[];
  /**
   * Names of settings the environment (or .env) holds a value for. Auth0
   * replaces an Action's whole secrets list when one is written and never
   * returns a value, so a secret setup did not set (the tenant owner's
   * OTP_WEBHOOK_TIMEOUT_MS, say) survives a write only if setup can send it
   * again: these are the ones it can.
   */
  availableValues: readonly string[];
}

export type SetupStep =
  | { kind: "create-action" }
  | {
      kind: "update-action";
      changes: string[];
      /** Setup's own secrets must be written: Auth0 then replaces the whole list. */
      writesSecrets: boolean;
      /** Secrets setup did not set, kept: resent from the environment, or untouched. */
      keeps: string[];
    }
  | { kind: "deploy-action" }
  | { kind: "bind-action"; replacing: string[] }
  | { kind: "enable-consolidated-phone" }
  | { kind: "create-provider"; deliveryMethods: string[] }
  | { kind: "update-provider"; providerId: string; changes: string[]; deliveryMethods: string[] }
  | { kind: "enable-sms-factor" }
  | { kind: "set-message-types"; from: string[]; to: string[] };

export interface SetupPlan {
  /** The Action the plan works on; undefined until a create step has run. */
  actionId: string | undefined;
  actionName: string;
  steps: SetupStep[];
  /** What is already as it should be, for the report. */
  unchanged: string[];
  warnings: string[];
  /** Reasons not to change anything at all (setup stops before its first change). */
  blockers: string[];
}

const MESSAGE_TYPE_FOR: Record<string, string> = { text: "sms", voice: "voice" };
const MESSAGE_TYPE_ORDER = ["sms", "voice"];

const withoutFingerprint = (code: string) =>
  code.replace(/\n\/\/ sms-inbox-setup: [^\n]*\n?$/, "").trimEnd();
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item) => b.includes(item));

function chooseAction(state: TenantState): ActionState | undefined {
  return (
    state.actions.find((action) => state.boundActionIds.includes(action.id)) ?? state.actions[0]
  );
}

const fingerprintOf = (code: string) => /\n\/\/ sms-inbox-setup: [^\n]*\n?$/.exec(code)?.[0];

function actionChanges(
  action: ActionState,
  desired: DesiredSetup,
): { changes: string[]; writesSecrets: boolean } {
  const changes: string[] = [];
  // The fingerprint line changes with the webhook URL or secret (action-code.ts).
  const newSecrets = fingerprintOf(action.code) !== fingerprintOf(desired.code);
  if (withoutFingerprint(action.code) !== withoutFingerprint(desired.code))
    changes.push("new code");
  if (newSecrets) changes.push("new webhook URL or secret");
  if (action.runtime !== desired.runtime)
    changes.push(`runtime ${action.runtime || "(none)"} → ${desired.runtime}`);
  const missing = desired.secretNames.filter((name) => !action.secretNames.includes(name));
  if (missing.length && !newSecrets) changes.push(`missing secrets ${missing.join(", ")}`);
  if (action.dependencyCount > 0) changes.push("remove npm dependencies (the bundle needs none)");
  return { changes, writesSecrets: newSecrets || missing.length > 0 };
}

export function planSetup(state: TenantState, desired: DesiredSetup): SetupPlan {
  const steps: SetupStep[] = [];
  const unchanged: string[] = [];
  const warnings: string[] = [];
  const blockers: string[] = [];
  const action = chooseAction(state);
  const actionName = action?.name ?? desired.actionName;

  if (state.actions.length > 1 && action) {
    const others = state.actions
      .filter((other) => other.id !== action.id)
      .map((other) => `“${other.name}” (${other.id})`);
    warnings.push(
      `The tenant has ${state.actions.length} Actions for ${TRIGGER_ID}; using “${action.name}”. Delete ${others.join(", ")} in the Dashboard so updates cannot go to the wrong one.`,
    );
  }

  if (!action) {
    steps.push({ kind: "create-action" }, { kind: "deploy-action" });
  } else {
    const { changes, writesSecrets } = actionChanges(action, desired);
    const others = action.secretNames.filter((name) => !desired.secretNames.includes(name));
    const lost = writesSecrets
      ? others.filter((name) => !desired.availableValues.includes(name))
      : [];
    if (lost.length > 0) {
      blockers.push(
        `The Action “${action.name}” has secrets setup did not set: ${lost.join(", ")}. Writing the new webhook URL or secret replaces Auth0's whole list, and Auth0 never returns a value, so setup would delete ${lost.length === 1 ? "it" : "them"}. Set ${lost.join(" and ")} in .env (setup sends ${lost.length === 1 ? "it" : "them"} again unchanged), or delete ${lost.length === 1 ? "it" : "them"} in the Dashboard first.`,
      );
    }
    if (changes.length)
      steps.push({ kind: "update-action", changes, writesSecrets, keeps: others });
    const deployedIsCurrent = action.allChangesDeployed && action.deployedCode === desired.code;
    if (changes.length || !deployedIsCurrent) steps.push({ kind: "deploy-action" });
    else unchanged.push(`Action “${action.name}” is up to date and deployed`);
  }

  const bound =
    action !== undefined &&
    state.boundActionIds.length === 1 &&
    state.boundActionIds[0] === action.id;
  if (bound) unchanged.push(`the Action is bound to the ${TRIGGER_ID} trigger`);
  else {
    steps.push({
      kind: "bind-action",
      replacing: state.boundActionIds.filter((id) => id !== action?.id),
    });
  }

  if (state.phoneConsolidatedExperience === true)
    unchanged.push("the tenant-level phone provider is used for MFA");
  else steps.push({ kind: "enable-consolidated-phone" });

  const provider = state.providers[0];
  if (state.providers.length > 1) {
    warnings.push(
      `The tenant reports ${state.providers.length} phone providers; only the first (${provider?.name}) is managed.`,
    );
  }
  let deliveryMethods: string[];
  if (!provider) {
    deliveryMethods = ["text"];
    steps.push({ kind: "create-provider", deliveryMethods });
  } else {
    const isCustom = provider.name === "custom";
    // Keep voice if the owner enabled it: the Action delivers voice notifications too.
    deliveryMethods =
      isCustom && provider.deliveryMethods.includes("voice") ? ["text", "voice"] : ["text"];
    const changes: string[] = [];
    if (!isCustom) changes.push(`replace the ${provider.name} provider with custom (the Action)`);
    if (provider.disabled) changes.push("enable it");
    if (isCustom && !provider.deliveryMethods.includes("text")) changes.push("add text delivery");
    if (changes.length)
      steps.push({ kind: "update-provider", providerId: provider.id, changes, deliveryMethods });
    else
      unchanged.push(
        `the phone provider is custom (the Action), enabled, delivering by ${provider.deliveryMethods.join(" and ")}`,
      );
  }

  if (state.smsFactorEnabled) unchanged.push("the SMS factor is enabled");
  else steps.push({ kind: "enable-sms-factor" });

  // Auth0 requires the message types to be a subset of the provider's delivery methods.
  const supported = deliveryMethods.map((method) => MESSAGE_TYPE_FOR[method] ?? method);
  const wanted = MESSAGE_TYPE_ORDER.filter(
    (type) => type === "sms" || (state.messageTypes.includes(type) && supported.includes(type)),
  );
  if (sameSet(wanted, state.messageTypes))
    unchanged.push(`the phone factor sends ${wanted.join(" and ")}`);
  else steps.push({ kind: "set-message-types", from: state.messageTypes, to: wanted });

  return { actionId: action?.id, actionName, steps, unchanged, warnings, blockers };
}

export function describeStep(
  step: SetupStep,
  plan: Pick<SetupPlan, "actionId" | "actionName">,
): string {
  const action = `Action “${plan.actionName}”${plan.actionId ? ` (${plan.actionId})` : ""}`;
  switch (step.kind) {
    case "create-action":
      return `create ${action} for ${TRIGGER_ID}, runtime node22, with secrets OTP_WEBHOOK_URL and OTP_WEBHOOK_SECRET`;
    case "update-action": {
      const keeps =
        step.keeps.length === 0
          ? ""
          : step.writesSecrets
            ? `; keeps ${step.keeps.join(", ")} (sent again from .env)`
            : `; keeps ${step.keeps.join(", ")} (the secrets are not written)`;
      return `update ${action}: ${step.changes.join(", ")}${keeps}`;
    }
    case "deploy-action":
      return `deploy ${action} once Auth0 has built it`;
    case "bind-action":
      return `bind ${action} to the ${TRIGGER_ID} trigger${step.replacing.length ? ` (replacing ${step.replacing.join(", ")})` : ""}`;
    case "enable-consolidated-phone":
      return "use the tenant-level phone provider for MFA (phone_consolidated_experience on)";
    case "create-provider":
      return `create the phone provider: custom (the Action), delivering by ${step.deliveryMethods.join(" and ")}`;
    case "update-provider":
      return `update the phone provider (${step.providerId}): ${step.changes.join(", ")}`;
    case "enable-sms-factor":
      return "enable the SMS factor for MFA";
    case "set-message-types":
      return `set the phone factor's message types: ${step.from.join(", ") || "(none)"} → ${step.to.join(", ")}`;
  }
}
