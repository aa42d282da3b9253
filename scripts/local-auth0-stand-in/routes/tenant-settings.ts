// Tenant settings: only the switch for the tenant-level phone provider.
import { requireScope } from "../auth0-rules.js";
import type { StandInState } from "../state.js";
import type { Route } from "./route.js";

export function tenantSettingsRoutes(state: StandInState): Route[] {
  return [
    {
      method: "GET",
      path: /^\/api\/v2\/tenants\/settings$/,
      handle: ({ granted }) => {
        requireScope(granted, "read:tenant_settings");
        return [200, { ...state.tenantSettings }];
      },
    },
    {
      method: "PATCH",
      path: /^\/api\/v2\/tenants\/settings$/,
      handle: ({ body, granted }) => {
        requireScope(granted, "update:tenant_settings");
        if (typeof body.phone_consolidated_experience === "boolean") {
          state.tenantSettings.phone_consolidated_experience = body.phone_consolidated_experience;
        }
        return [200, { ...state.tenantSettings }];
      },
    },
  ];
}
