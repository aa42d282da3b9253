// Reads what `auth0:setup` manages from the tenant, as plain data for the
// planner. Only reads: nothing here changes the tenant.
import type { ManagementClient } from "auth0";
import { EMAIL_SETUP_ACTION, PHONE_SETUP_ACTION, type ProviderTrigger } from "./action-code.js";
import { statusOf } from "./auth0-errors.js";

export interface ActionState {
  id: string;
  name: string;
  code: string;
  runtime: string;
  secretNames: string[];
  dependencyCount: number;
  status: string;
  allChangesDeployed: boolean;
  deployedCode: string | undefined;
}

/** One provider trigger's Actions and what is bound to it. */
export interface TriggerState {
  /** Every Action supporting the trigger (Auth0 allows one; older tenants may have more). */
  actions: ActionState[];
  /** Action ids bound to the trigger, in order. */
  boundActionIds: string[];
}

export interface ProviderState {
  id: string;
  name: string;
  disabled: boolean;
  deliveryMethods: string[];
}

export interface EmailProviderState {
  name: string;
  enabled: boolean;
  defaultFromAddress: string | undefined;
}

export interface EmailState extends TriggerState {
  /** The tenant's one email provider; undefined when Auth0's built-in one sends. */
  provider: EmailProviderState | undefined;
}

export interface TenantState extends TriggerState {
  providers: ProviderState[];
  phoneConsolidatedExperience: boolean | undefined;
  /** Names of the MFA factors that are on (sms, otp, email…). */
  enabledFactors: string[];
  messageTypes: string[];
  /**
   * The custom-email-provider Actions, read on every run (read:actions only):
   * a run without --email still sees when setup's email Action has an older
   * webhook URL or secret, as after a rotation.
   */
  emailTrigger: TriggerState;
  /** Read only when setup is asked for email (it needs read:email_provider). */
  email?: { provider: EmailProviderState | undefined };
}

async function readTrigger(
  client: ManagementClient,
  triggerId: ProviderTrigger,
): Promise<TriggerState> {
  const listed = (await client.actions.list({ triggerId, per_page: 50 })).data;
  // The list may abbreviate; the single read has code, secrets and the deployed version.
  const actions: ActionState[] = [];
  for (const { id } of listed) {
    if (!id) continue;
    const action = await client.actions.get(id);
    actions.push({
      id,
      name: action.name ?? "(unnamed)",
      code: action.code ?? "",
      runtime: action.runtime ?? "",
      secretNames: (action.secrets ?? []).map((secret) => secret.name ?? "").filter(Boolean),
      dependencyCount: action.dependencies?.length ?? 0,
      status: action.status ?? "",
      allChangesDeployed: action.all_changes_deployed === true,
      deployedCode: action.deployed_version?.code,
    });
  }
  const bindings = (await client.actions.triggers.bindings.list(triggerId, { per_page: 20 })).data;
  return {
    actions,
    boundActionIds: bindings.map((binding) => binding.action?.id ?? "").filter(Boolean),
  };
}

async function readEmailProvider(
  client: ManagementClient,
): Promise<EmailProviderState | undefined> {
  try {
    // Without `fields` Auth0 returns only name and enabled.
    const provider = await client.emails.provider.get({
      fields: "name,enabled,default_from_address",
      include_fields: true,
    });
    return {
      name: provider.name ?? "",
      enabled: provider.enabled !== false,
      defaultFromAddress: provider.default_from_address || undefined,
    };
  } catch (error) {
    // Auth0 answers 404 while the tenant sends with its built-in provider.
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

export async function readTenantState(
  client: ManagementClient,
  options: { email: boolean } = { email: false },
): Promise<TenantState> {
  const phone = await readTrigger(client, PHONE_SETUP_ACTION.triggerId);
  const providers = ((await client.branding.phone.providers.list()).providers ?? []).map(
    (provider): ProviderState => ({
      id: provider.id ?? "",
      name: provider.name,
      disabled: provider.disabled === true,
      deliveryMethods: [...(provider.configuration?.delivery_methods ?? [])],
    }),
  );
  const settings = await client.tenants.settings.get({
    fields: "phone_consolidated_experience",
    include_fields: true,
  });
  const factors = await client.guardian.factors.list();
  const messageTypes = await client.guardian.factors.phone.getMessageTypes();
  const emailTrigger = await readTrigger(client, EMAIL_SETUP_ACTION.triggerId);
  const email = options.email ? { provider: await readEmailProvider(client) } : undefined;
  return {
    ...phone,
    providers,
    phoneConsolidatedExperience: settings.phone_consolidated_experience,
    enabledFactors: factors.filter((factor) => factor.enabled).map((factor) => factor.name ?? ""),
    messageTypes: [...(messageTypes.message_types ?? [])],
    emailTrigger,
    ...(email ? { email } : {}),
  };
}
