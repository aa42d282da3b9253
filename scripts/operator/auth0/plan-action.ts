// Plans one of setup's Actions (phone or email) on its trigger: find the
// tenant's one Action for it or create one, bring its code, runtime and
// secrets up to date, deploy and bind it. Pure, and the same for both
// triggers: only the trigger, name and code differ.
import {
  type ActionTarget,
  fingerprintOf,
  type ProviderTrigger,
  withoutFingerprint,
} from "./action-code.js";
import type { SetupStep } from "./setup-plan.js";
import type { ActionState, TriggerState } from "./tenant-state.js";

export interface DesiredAction {
  target: ActionTarget;
  /** The name a new Action gets. */
  name: string;
  triggerId: ProviderTrigger;
  /** Bundle plus fingerprint line (see action-code.ts). */
  code: string;
}

/** What both Actions share. */
export interface ActionSettings {
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

/** The Action a plan works on: its id is undefined until a create step has run. */
export interface PlannedAction {
  id: string | undefined;
  name: string;
  triggerId: ProviderTrigger;
}

export interface ActionPlan {
  action: PlannedAction;
  /** The tenant's Action the plan takes over, if there is one. */
  existing: ActionState | undefined;
  steps: SetupStep[];
  unchanged: string[];
  warnings: string[];
  blockers: string[];
}

/** The bound Action, or else the first: an older tenant may have several for one trigger. */
export function chooseAction(state: TriggerState): ActionState | undefined {
  return (
    state.actions.find((action) => state.boundActionIds.includes(action.id)) ?? state.actions[0]
  );
}

function actionChanges(
  action: ActionState,
  desired: DesiredAction,
  settings: ActionSettings,
): { changes: string[]; writesSecrets: boolean } {
  const changes: string[] = [];
  // The fingerprint line changes with the webhook URL or secret (action-code.ts).
  const newSecrets = fingerprintOf(action.code) !== fingerprintOf(desired.code);
  if (withoutFingerprint(action.code) !== withoutFingerprint(desired.code))
    changes.push("new code");
  if (newSecrets) changes.push("new webhook URL or secret");
  if (action.runtime !== settings.runtime)
    changes.push(`runtime ${action.runtime || "(none)"} → ${settings.runtime}`);
  const missing = settings.secretNames.filter((name) => !action.secretNames.includes(name));
  if (missing.length && !newSecrets) changes.push(`missing secrets ${missing.join(", ")}`);
  if (action.dependencyCount > 0) changes.push("remove npm dependencies (the bundle needs none)");
  return { changes, writesSecrets: newSecrets || missing.length > 0 };
}

export function planAction(
  state: TriggerState,
  desired: DesiredAction,
  settings: ActionSettings,
): ActionPlan {
  const { target, triggerId } = desired;
  const steps: SetupStep[] = [];
  const unchanged: string[] = [];
  const warnings: string[] = [];
  const blockers: string[] = [];
  const action = chooseAction(state);

  if (state.actions.length > 1 && action) {
    const others = state.actions
      .filter((other) => other.id !== action.id)
      .map((other) => `“${other.name}” (${other.id})`);
    warnings.push(
      `The tenant has ${state.actions.length} Actions for ${triggerId}; using “${action.name}”. Delete ${others.join(", ")} in the Dashboard so updates cannot go to the wrong one.`,
    );
  }

  if (!action) {
    steps.push({ kind: "create-action", target }, { kind: "deploy-action", target });
  } else {
    const { changes, writesSecrets } = actionChanges(action, desired, settings);
    const others = action.secretNames.filter((name) => !settings.secretNames.includes(name));
    const lost = writesSecrets
      ? others.filter((name) => !settings.availableValues.includes(name))
      : [];
    if (lost.length > 0) {
      blockers.push(
        `The Action “${action.name}” has secrets setup did not set: ${lost.join(", ")}. Writing the new webhook URL or secret replaces Auth0's whole list, and Auth0 never returns a value, so setup would delete ${lost.length === 1 ? "it" : "them"}. Set ${lost.join(" and ")} in .env (setup sends ${lost.length === 1 ? "it" : "them"} again unchanged), or delete ${lost.length === 1 ? "it" : "them"} in the Dashboard first.`,
      );
    }
    if (changes.length)
      steps.push({ kind: "update-action", target, changes, writesSecrets, keeps: others });
    const deployedIsCurrent = action.allChangesDeployed && action.deployedCode === desired.code;
    if (changes.length || !deployedIsCurrent) steps.push({ kind: "deploy-action", target });
    else unchanged.push(`Action “${action.name}” is up to date and deployed`);
  }

  const bound =
    action !== undefined &&
    state.boundActionIds.length === 1 &&
    state.boundActionIds[0] === action.id;
  if (bound) unchanged.push(`the Action is bound to the ${triggerId} trigger`);
  else {
    steps.push({
      kind: "bind-action",
      target,
      replacing: state.boundActionIds.filter((id) => id !== action?.id),
    });
  }

  return {
    action: { id: action?.id, name: action?.name ?? desired.name, triggerId },
    existing: action,
    steps,
    unchanged,
    warnings,
    blockers,
  };
}
