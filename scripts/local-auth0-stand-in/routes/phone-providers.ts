// The tenant's phone provider (branding): create, read, update, and the test
// notification, which can run the deployed Action as Auth0 would.
import { randomBytes } from "node:crypto";
import { ApiError } from "../auth0-error.js";
import {
  checkCredentials,
  checkCustomProviderAllowed,
  checkNoProviderYet,
  deliveryMethods,
  providerName,
  requireScope,
  supportsPhoneProvider,
  testSend,
} from "../auth0-rules.js";
import { runDeployedAction } from "../run-action.js";
import { now, type StandInState, type StoredProvider } from "../state.js";
import type { Route } from "./route.js";

export function phoneProviderRoutes(
  state: StandInState,
  options: { runActionOnTestSend: boolean },
): Route[] {
  const providerById = (id: string) => {
    const provider = state.providers.find((candidate) => candidate.id === id);
    if (!provider) throw new ApiError(404, "Phone provider not found.");
    return provider;
  };
  const deployedPhoneAction = () =>
    state.actions.find((action) => action.deployed && supportsPhoneProvider(action));
  return [
    {
      method: "GET",
      path: /^\/api\/v2\/branding\/phone\/providers$/,
      handle: ({ granted }) => {
        requireScope(granted, "read:phone_providers");
        return [200, { providers: state.providers }];
      },
    },
    {
      method: "POST",
      path: /^\/api\/v2\/branding\/phone\/providers$/,
      handle: ({ body, granted }) => {
        requireScope(granted, "create:phone_providers");
        checkNoProviderYet(state.providers);
        const name = providerName(body.name);
        checkCredentials(body.credentials);
        checkCustomProviderAllowed(name, deployedPhoneAction());
        const configuration = body.configuration as { delivery_methods?: unknown } | undefined;
        const provider: StoredProvider = {
          id: `pro_${randomBytes(8).toString("hex")}`,
          name,
          disabled: body.disabled === true,
          configuration: { delivery_methods: deliveryMethods(configuration?.delivery_methods) },
          created_at: now(),
          updated_at: now(),
        };
        state.providers.push(provider);
        return [201, provider];
      },
    },
    {
      method: "PATCH",
      path: /^\/api\/v2\/branding\/phone\/providers\/([^/]+)$/,
      handle: ({ params: [id = ""], body, granted }) => {
        requireScope(granted, "update:phone_providers");
        const provider = providerById(id);
        const name = providerName(body.name ?? provider.name);
        checkCustomProviderAllowed(name, deployedPhoneAction());
        provider.name = name;
        if (typeof body.disabled === "boolean") provider.disabled = body.disabled;
        const configuration = body.configuration as { delivery_methods?: unknown } | undefined;
        if (configuration)
          provider.configuration = {
            delivery_methods: deliveryMethods(configuration.delivery_methods),
          };
        provider.updated_at = now();
        return [200, provider];
      },
    },
    {
      method: "POST",
      path: /^\/api\/v2\/branding\/phone\/providers\/([^/]+)\/try$/,
      handle: async ({ params: [id = ""], body, granted }) => {
        requireScope(granted, "create:phone_providers");
        const provider = providerById(id);
        const send = testSend(provider, body);
        const action = deployedPhoneAction();
        if (options.runActionOnTestSend && provider.name === "custom" && action?.deployed) {
          send.outcome = await runDeployedAction(action.deployed, send);
        }
        state.testSends.push(send);
        return [202, { code: 202, message: "Test notification sent." }];
      },
    },
  ];
}
