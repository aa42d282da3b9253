// Decides what `auth0:setup` must change, from what the tenant has now. Pure:
// the dry run prints this plan, the real run carries it out, and a tenant that
// is already set up yields no steps at all. The Actions are planned by
// plan-action.ts (the same for phone and email), email's provider and factor
// by plan-email.ts.
import { type ActionTarget, fingerprintOf, isSetupCode } from "./action-code.js";
import {
  type ActionSettings,
  type DesiredAction,
  type PlannedAction,
  planAction,
} from "./plan-action.js";
import { type DesiredEmail, planEmail } from "./plan-email.js";
import type { TenantState } from "./tenant-state.js";

export interface DesiredSetup extends ActionSettings {
  phone: DesiredAction;
  /** With --email: the email Action, provider and (with --email-mfa) factor. */
  email?: DesiredEmail;
  /** With --authenticator: the OTP factor on, so Auth0 accepts authenticator-app codes. */
  authenticator?: boolean;
}

export type SetupStep =
  | { kind: "create-action"; target: ActionTarget }
  | {
      kind: "update-action";
      target: ActionTarget;
      changes: string[];
      /** Setup's own secrets must be written: Auth0 then replaces the whole list. */
      writesSecrets: boolean;
      /** Secrets setup did not set, kept: resent from the environment, or untouched. */
      keeps: string[];
    }
  | { kind: "deploy-action"; target: ActionTarget }
  | { kind: "bind-action"; target: ActionTarget; replacing: string[] }
  | { kind: "enable-consolidated-phone" }
  | { kind: "create-provider"; deliveryMethods: string[] }
  | { kind: "update-provider"; providerId: string; changes: string[]; deliveryMethods: string[] }
  | { kind: "enable-sms-factor" }
  | { kind: "enable-otp-factor" }
  | { kind: "set-message-types"; from: string[]; to: string[] }
  | { kind: "create-email-provider"; fromAddress: string }
  | { kind: "update-email-provider"; changes: string[]; fromAddress: string }
  | { kind: "enable-email-factor"; alongside: string[] };

export interface SetupPlan {
  /** The Actions the plan works on (email only with --email). */
  actions: { phone: PlannedAction; email?: PlannedAction };
  steps: SetupStep[];
  /** What is already as it should be, for the report. */
  unchanged: string[];
  warnings: string[];
  /** Reasons not to change anything at all (setup stops before its first change). */
  blockers: string[];
}

const MESSAGE_TYPE_FOR: Record<string, string> = { text: "sms", voice: "voice" };
const MESSAGE_TYPE_ORDER = ["sms", "voice"];

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item) => b.includes(item));

export function planSetup(state: TenantState, desired: DesiredSetup): SetupPlan {
  const phone = planAction(state, desired.phone, desired);
  const steps: SetupStep[] = [...phone.steps];
  const unchanged: string[] = [...phone.unchanged];
  const warnings: string[] = [...phone.warnings];
  const blockers: string[] = [...phone.blockers];

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

  if (state.enabledFactors.includes("sms")) unchanged.push("the SMS factor is enabled");
  else steps.push({ kind: "enable-sms-factor" });

  // Auth0 requires the message types to be a subset of the provider's delivery methods.
  const supported = deliveryMethods.map((method) => MESSAGE_TYPE_FOR[method] ?? method);
  const wanted = MESSAGE_TYPE_ORDER.filter(
    (type) => type === "sms" || (state.messageTypes.includes(type) && supported.includes(type)),
  );
  if (sameSet(wanted, state.messageTypes))
    unchanged.push(`the phone factor sends ${wanted.join(" and ")}`);
  else steps.push({ kind: "set-message-types", from: state.messageTypes, to: wanted });

  // Before enrolment: whether Auth0 takes a totp method while the factor is
  // off is not documented, so `auth0:enrol -- --authenticator` comes after this.
  if (desired.authenticator) {
    if (state.enabledFactors.includes("otp"))
      unchanged.push("the OTP factor (authenticator apps) is enabled");
    else steps.push({ kind: "enable-otp-factor" });
  }

  let emailAction: PlannedAction | undefined;
  if (desired.email) {
    if (!state.email) throw new Error("internal: email setup planned without reading email state");
    const emailState = { ...state.emailTrigger, provider: state.email.provider };
    const action = planAction(emailState, desired.email.action, desired);
    const email = planEmail(emailState, desired.email, state.enabledFactors);
    emailAction = action.action;
    for (const part of [action, email]) {
      steps.push(...part.steps);
      unchanged.push(...part.unchanged);
      warnings.push(...part.warnings);
      blockers.push(...part.blockers);
    }
  } else {
    // Both Actions carry the same secrets: a rotation that forgets --email
    // would leave the email Action posting with the old one.
    const behind = state.emailTrigger.actions.filter(
      (action) =>
        isSetupCode(action.code) &&
        fingerprintOf(action.code) !== fingerprintOf(desired.phone.code),
    );
    for (const action of behind) {
      warnings.push(
        `The email Action “${action.name}” posts with another webhook URL or secret than this run sets: run again with --email to update it too.`,
      );
    }
  }

  return {
    actions: { phone: phone.action, ...(emailAction ? { email: emailAction } : {}) },
    steps,
    unchanged,
    warnings,
    blockers,
  };
}

function describeAction(plan: Pick<SetupPlan, "actions">, target: ActionTarget): string {
  const action = plan.actions[target];
  if (!action) throw new Error(`internal: a step for the ${target} Action the plan has not`);
  return `Action “${action.name}”${action.id ? ` (${action.id})` : ""}`;
}

export function describeStep(step: SetupStep, plan: Pick<SetupPlan, "actions">): string {
  switch (step.kind) {
    case "create-action":
      return `create ${describeAction(plan, step.target)} for ${plan.actions[step.target]?.triggerId}, runtime node22, with secrets OTP_WEBHOOK_URL and OTP_WEBHOOK_SECRET`;
    case "update-action": {
      const keeps =
        step.keeps.length === 0
          ? ""
          : step.writesSecrets
            ? `; keeps ${step.keeps.join(", ")} (sent again from .env)`
            : `; keeps ${step.keeps.join(", ")} (the secrets are not written)`;
      return `update ${describeAction(plan, step.target)}: ${step.changes.join(", ")}${keeps}`;
    }
    case "deploy-action":
      return `deploy ${describeAction(plan, step.target)} once Auth0 has built it`;
    case "bind-action":
      return `bind ${describeAction(plan, step.target)} to the ${plan.actions[step.target]?.triggerId} trigger${step.replacing.length ? ` (replacing ${step.replacing.join(", ")})` : ""}`;
    case "enable-consolidated-phone":
      return "use the tenant-level phone provider for MFA (phone_consolidated_experience on)";
    case "create-provider":
      return `create the phone provider: custom (the Action), delivering by ${step.deliveryMethods.join(" and ")}`;
    case "update-provider":
      return `update the phone provider (${step.providerId}): ${step.changes.join(", ")}`;
    case "enable-sms-factor":
      return "enable the SMS factor for MFA";
    case "enable-otp-factor":
      return "enable the OTP factor (authenticator apps) for MFA";
    case "set-message-types":
      return `set the phone factor's message types: ${step.from.join(", ") || "(none)"} → ${step.to.join(", ")}`;
    case "create-email-provider":
      return `set the tenant's email provider: custom (the Action), sender ${step.fromAddress}: all email to the inbox`;
    case "update-email-provider":
      return `update the email provider: ${step.changes.join(", ")}: all email to the inbox`;
    case "enable-email-factor":
      return `enable the email factor for MFA (a dependent factor: on while ${step.alongside.join(" or ")} is)`;
  }
}
