// The tenant's one email provider (/api/v2/emails/provider): read (404 when
// Auth0's built-in provider sends), create (409 when there is one), update.
import { CUSTOM_EMAIL_PROVIDER, requireScope, supportsTrigger } from "../auth0-rules.js";
import {
  checkCustomEmailProviderAllowed,
  checkNoEmailProviderYet,
  emailCredentials,
  emailProviderAsReturned,
  emailProviderName,
  existingEmailProvider,
} from "../email-provider-rules.js";
import type { StandInState, StoredEmailProvider } from "../state.js";
import type { Route } from "./route.js";

const PATH = /^\/api\/v2\/emails\/provider$/;

export function emailProviderRoutes(state: StandInState): Route[] {
  const deployedEmailAction = () =>
    state.actions.find(
      (action) => action.deployed && supportsTrigger(action, CUSTOM_EMAIL_PROVIDER),
    );
  const fromAddress = (value: unknown) => (typeof value === "string" ? value : undefined);
  return [
    {
      method: "GET",
      path: PATH,
      handle: ({ url, granted }) => {
        requireScope(granted, "read:email_provider");
        const provider = existingEmailProvider(state.emailProvider);
        const fields = url.searchParams.get("fields");
        const include = url.searchParams.get("include_fields") !== "false";
        return [200, emailProviderAsReturned(provider, fields, include)];
      },
    },
    {
      method: "POST",
      path: PATH,
      handle: ({ body, granted }) => {
        requireScope(granted, "create:email_provider");
        checkNoEmailProviderYet(state.emailProvider);
        const name = emailProviderName(body.name);
        const credentials = emailCredentials(body.credentials);
        checkCustomEmailProviderAllowed(name, deployedEmailAction());
        const provider: StoredEmailProvider = {
          name,
          enabled: body.enabled !== false,
          default_from_address: fromAddress(body.default_from_address),
          credentials,
        };
        state.emailProvider = provider;
        return [201, emailProviderAsReturned(provider)];
      },
    },
    {
      method: "PATCH",
      path: PATH,
      handle: ({ body, granted }) => {
        requireScope(granted, "update:email_provider");
        const provider = existingEmailProvider(state.emailProvider);
        const name = body.name === undefined ? provider.name : emailProviderName(body.name);
        checkCustomEmailProviderAllowed(name, deployedEmailAction());
        const credentials =
          body.credentials === undefined
            ? provider.credentials
            : emailCredentials(body.credentials);
        const updated: StoredEmailProvider = {
          name,
          enabled: typeof body.enabled === "boolean" ? body.enabled : provider.enabled,
          default_from_address:
            fromAddress(body.default_from_address) ?? provider.default_from_address,
          credentials,
        };
        state.emailProvider = updated;
        return [200, emailProviderAsReturned(updated)];
      },
    },
  ];
}
