// Plans the tenant's email provider and the email MFA factor for
// `auth0:setup --email`. Pure. The provider decides where ALL of a tenant's
// email goes, so this plan refuses to replace one setup did not set unless
// asked to, and says plainly what setting it means.
import { isSetupCode } from "./action-code.js";
import type { DesiredAction } from "./plan-action.js";
import type { SetupStep } from "./setup-plan.js";
import type { EmailState } from "./tenant-state.js";

export interface DesiredEmail {
  action: DesiredAction;
  /** --email-mfa: email as an MFA factor too. */
  mfa: boolean;
  /** --replace-email-provider: the owner agreed to replace a provider setup did not set. */
  replaceProvider: boolean;
  /** The sender a new provider gets, or the one --email-from asks for. */
  fromAddress: string;
  /** --email-from was given: an existing provider's sender changes to it too. */
  fromAddressExplicit: boolean;
}

export interface EmailPlan {
  steps: SetupStep[];
  unchanged: string[];
  warnings: string[];
  blockers: string[];
}

const GOING_BACK = `docs/auth0.md, "Going back", says how to undo it`;
export const ALL_EMAIL_TO_INBOX =
  "all of the tenant's email (verification, password reset, welcome, email MFA, invitations…) goes to the inbox, and none to real addresses";

/**
 * How setup knows it set the provider: a `custom` provider delivers through
 * the one Action bound to custom-email-provider, and only setup uploads code
 * ending in its fingerprint line (action-code.ts). So a custom provider whose
 * bound Action's deployed code carries that line is setup's; any other
 * provider, or a custom one delivering through someone else's Action, is not.
 * No provider at all (Auth0's built-in one sends) is nothing to replace.
 */
function providerOwnership(state: EmailState): { ours: boolean; what: string } {
  const provider = state.provider;
  if (!provider) return { ours: true, what: "none" };
  const bound = state.actions.find((action) => state.boundActionIds.includes(action.id));
  if (provider.name === "custom") {
    if (isSetupCode(bound?.deployedCode)) return { ours: true, what: "custom" };
    return {
      ours: false,
      what: bound
        ? `custom, delivering through the Action “${bound.name}”,`
        : "custom, with no Action bound to custom-email-provider,",
    };
  }
  return { ours: false, what: `${provider.name}${provider.enabled ? "" : " (disabled)"},` };
}

function planProvider(state: EmailState, desired: DesiredEmail, plan: EmailPlan): void {
  const provider = state.provider;
  const { ours, what } = providerOwnership(state);
  if (!ours && !desired.replaceProvider) {
    plan.blockers.push(
      `The tenant's email provider is ${what} which setup did not set. Setting the inbox's instead means ${ALL_EMAIL_TO_INBOX}. If that is what you want, run again with --replace-email-provider (${GOING_BACK}).`,
    );
    return;
  }

  const deliversToInbox = ours && provider?.name === "custom" && provider.enabled;
  if (deliversToInbox)
    plan.unchanged.push(
      `the email provider is custom (the Action), enabled: ${ALL_EMAIL_TO_INBOX}`,
    );
  else plan.warnings.push(`From now on ${ALL_EMAIL_TO_INBOX} (${GOING_BACK}).`);

  if (!provider) {
    plan.steps.push({ kind: "create-email-provider", fromAddress: desired.fromAddress });
    return;
  }
  const changes: string[] = [];
  if (provider.name !== "custom")
    changes.push(`replace the ${provider.name} provider with custom (the Action)`);
  if (!provider.enabled) changes.push("enable it");
  const from =
    desired.fromAddressExplicit || !provider.defaultFromAddress
      ? desired.fromAddress
      : provider.defaultFromAddress;
  if (from !== provider.defaultFromAddress)
    changes.push(`sender ${provider.defaultFromAddress ?? "(none)"} → ${from}`);
  if (changes.length)
    plan.steps.push({ kind: "update-email-provider", changes, fromAddress: from });
}

function planFactor(enabledFactors: readonly string[], plan: EmailPlan): void {
  if (enabledFactors.includes("email")) {
    plan.unchanged.push("the email factor is enabled");
    return;
  }
  const others = enabledFactors.filter((factor) => factor !== "email");
  if (others.length === 0) {
    plan.warnings.push(
      "Email is a dependent MFA factor: Auth0 enables it only while another factor is on, and none is on now. Setup turns on SMS first; keep SMS (or another factor) on for email MFA to work.",
    );
  }
  // The phone part of the plan always ends with SMS on, before this step runs.
  plan.steps.push({
    kind: "enable-email-factor",
    alongside: [...new Set([...others, "sms"])],
  });
}

/** The provider and factor steps; the email Action's own come from plan-action.ts. */
export function planEmail(
  state: EmailState,
  desired: DesiredEmail,
  enabledFactors: readonly string[],
): EmailPlan {
  const plan: EmailPlan = { steps: [], unchanged: [], warnings: [], blockers: [] };
  planProvider(state, desired, plan);
  if (desired.mfa) planFactor(enabledFactors, plan);
  return plan;
}
