// Reads what `auth0:setup` manages from the tenant, as plain data for the
// planner. Only reads: nothing here changes the tenant.
import type { ManagementClient } from "auth0";
import { TRIGGER_ID } from "./action-code.js";

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

export interface ProviderState {
  id: string;
  name: string;
  disabled: boolean;
  deliveryMethods: string[];
}

export interface TenantState {
  /** Every Action supporting custom-phone-provider (Auth0 allows one; older tenants may have more). */
  actions: ActionState[];
  /** Action ids bound to the custom-phone-provider trigger, in order. */
  boundActionIds: string[];
  providers: ProviderState[];
  phoneConsolidatedExperience: boolean | undefined;
  smsFactorEnabled: boolean;
  messageTypes: string[];
}

export async function readTenantState(client: ManagementClient): Promise<TenantState> {
  const listed = (await client.actions.list({ triggerId: TRIGGER_ID, per_page: 50 })).data;
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
  const bindings = (await client.actions.triggers.bindings.list(TRIGGER_ID, { per_page: 20 })).data;
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
  return {
    actions,
    boundActionIds: bindings.map((binding) => binding.action?.id ?? "").filter(Boolean),
    providers,
    phoneConsolidatedExperience: settings.phone_consolidated_experience,
    smsFactorEnabled: factors.some((factor) => factor.name === "sms" && factor.enabled),
    messageTypes: [...(messageTypes.message_types ?? [])],
  };
}
