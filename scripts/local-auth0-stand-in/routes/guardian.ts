// MFA (Guardian): the factors, the phone factor's message types, and the
// older choice of MFA SMS provider (selected-provider), which a tenant on the
// tenant-level phone provider does not use.
import {
  checkSelectedProviderAllowed,
  factorEnabled,
  messageTypes,
  requireScope,
} from "../auth0-rules.js";
import type { StandInState } from "../state.js";
import type { Route } from "./route.js";

export function guardianRoutes(state: StandInState): Route[] {
  return [
    {
      method: "GET",
      path: /^\/api\/v2\/guardian\/factors$/,
      handle: ({ granted }) => {
        requireScope(granted, "read:guardian_factors");
        return [
          200,
          Object.entries(state.factors).map(([name, enabled]) => ({
            name,
            enabled,
            trial_expired: false,
          })),
        ];
      },
    },
    {
      method: "GET",
      path: /^\/api\/v2\/guardian\/factors\/phone\/message-types$/,
      handle: ({ granted }) => {
        requireScope(granted, "read:guardian_factors");
        return [200, { message_types: state.messageTypes }];
      },
    },
    {
      method: "PUT",
      path: /^\/api\/v2\/guardian\/factors\/phone\/message-types$/,
      handle: ({ body, granted }) => {
        requireScope(granted, "update:guardian_factors");
        const types = messageTypes(
          body.message_types,
          state.providers[0]?.configuration.delivery_methods,
        );
        state.messageTypes = types;
        return [200, { message_types: types }];
      },
    },
    {
      method: "PUT",
      path: /^\/api\/v2\/guardian\/factors\/phone\/selected-provider$/,
      handle: () => {
        checkSelectedProviderAllowed(state.tenantSettings);
        return [200, {}];
      },
    },
    {
      method: "PUT",
      path: /^\/api\/v2\/guardian\/factors\/([^/]+)$/,
      handle: ({ params: [name = ""], body, granted }) => {
        requireScope(granted, "update:guardian_factors");
        const enabled = factorEnabled(state.factors, name, body.enabled);
        state.factors[name] = enabled;
        return [200, { enabled }];
      },
    },
  ];
}
