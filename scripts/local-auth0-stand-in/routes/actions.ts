// Actions: create, read (which advances a build), update, deploy, and the
// bindings of the custom-phone-provider and custom-email-provider triggers.
import { randomUUID } from "node:crypto";
import { ApiError } from "../auth0-error.js";
import {
  boundActionId,
  buildProgress,
  checkBindable,
  checkDeployable,
  newActionFields,
  PROVIDER_TRIGGERS,
  providerTrigger,
  requireScope,
  secretsAsReturned,
  secretsFrom,
} from "../auth0-rules.js";
import { now, type StandInState, type StoredAction } from "../state.js";
import type { Route } from "./route.js";

/** An Action as the API returns it. */
function publicAction(action: StoredAction) {
  return {
    id: action.id,
    name: action.name,
    supported_triggers: action.supported_triggers,
    code: action.code,
    runtime: action.runtime,
    dependencies: action.dependencies,
    secrets: secretsAsReturned(action.secrets),
    status: action.status,
    all_changes_deployed: action.all_changes_deployed,
    ...(action.deployed
      ? {
          deployed_version: {
            id: action.deployed.id,
            action_id: action.id,
            number: action.deployed.number,
            code: action.deployed.code,
            runtime: action.deployed.runtime,
            secrets: secretsAsReturned(action.deployed.secrets),
            deployed: true,
            status: "built",
          },
        }
      : {}),
    created_at: action.created_at,
    updated_at: action.updated_at,
  };
}

export function actionRoutes(state: StandInState, builds: { readsUntilBuilt: number }): Route[] {
  const actionById = (id: string) => {
    const action = state.actions.find((candidate) => candidate.id === id);
    if (!action) throw new ApiError(404, "The action does not exist.");
    return action;
  };
  return [
    {
      method: "GET",
      path: /^\/api\/v2\/actions\/actions$/,
      handle: ({ url, granted }) => {
        requireScope(granted, "read:actions");
        const trigger = url.searchParams.get("triggerId");
        const page = Number(url.searchParams.get("page") ?? 0);
        const all = state.actions.filter(
          (a) => !trigger || a.supported_triggers.some((t) => t.id === trigger),
        );
        const actions = page > 0 ? [] : all.map(publicAction);
        return [200, { actions, total: all.length, page, per_page: 50 }];
      },
    },
    {
      method: "POST",
      path: /^\/api\/v2\/actions\/actions$/,
      handle: ({ body, granted }) => {
        requireScope(granted, "create:actions");
        const { name, supported_triggers } = newActionFields(body, state.actions);
        const action: StoredAction = {
          id: randomUUID(),
          name,
          supported_triggers,
          code: String(body.code ?? ""),
          runtime: String(body.runtime ?? "node22"),
          dependencies: (body.dependencies as StoredAction["dependencies"]) ?? [],
          secrets: secretsFrom(body.secrets, [], now),
          status: "pending",
          readsUntilBuilt: builds.readsUntilBuilt,
          all_changes_deployed: false,
          versions: 0,
          created_at: now(),
          updated_at: now(),
        };
        state.actions.push(action);
        return [201, publicAction(action)];
      },
    },
    {
      method: "GET",
      path: /^\/api\/v2\/actions\/actions\/([^/]+)$/,
      handle: ({ params: [id = ""], granted }) => {
        requireScope(granted, "read:actions");
        const action = actionById(id);
        Object.assign(action, buildProgress(action));
        return [200, publicAction(action)];
      },
    },
    {
      method: "PATCH",
      path: /^\/api\/v2\/actions\/actions\/([^/]+)$/,
      handle: ({ params: [id = ""], body, granted }) => {
        requireScope(granted, "update:actions");
        const action = actionById(id);
        if (typeof body.name === "string") action.name = body.name;
        if (typeof body.code === "string") action.code = body.code;
        if (typeof body.runtime === "string") action.runtime = body.runtime;
        if (Array.isArray(body.dependencies))
          action.dependencies = body.dependencies as StoredAction["dependencies"];
        if (Array.isArray(body.secrets))
          action.secrets = secretsFrom(body.secrets, action.secrets, now);
        // Any change is a new draft, which Auth0 builds again before it can be deployed.
        action.status = "pending";
        action.readsUntilBuilt = builds.readsUntilBuilt;
        action.all_changes_deployed = false;
        action.updated_at = now();
        return [200, publicAction(action)];
      },
    },
    {
      method: "POST",
      path: /^\/api\/v2\/actions\/actions\/([^/]+)\/deploy$/,
      handle: ({ params: [id = ""], granted }) => {
        requireScope(granted, "create:actions");
        const action = actionById(id);
        checkDeployable(action);
        action.versions += 1;
        action.deployed = {
          id: randomUUID(),
          number: action.versions,
          code: action.code,
          runtime: action.runtime,
          secrets: action.secrets.map((secret) => ({ ...secret })),
        };
        action.all_changes_deployed = true;
        return [
          202,
          {
            id: action.deployed.id,
            action_id: action.id,
            number: action.versions,
            deployed: true,
            status: "built",
          },
        ];
      },
    },
    {
      method: "GET",
      path: /^\/api\/v2\/actions\/triggers\/([^/]+)\/bindings$/,
      handle: ({ params: [trigger = ""], url, granted }) => {
        requireScope(granted, "read:actions");
        const page = Number(url.searchParams.get("page") ?? 0);
        const modelled = PROVIDER_TRIGGERS.find((candidate) => candidate === trigger);
        const bindings =
          !modelled || page > 0
            ? []
            : state.bindings[modelled].map((id) => {
                const action = actionById(id);
                return {
                  id: `binding-${id}`,
                  trigger_id: modelled,
                  display_name: action.name,
                  action: publicAction(action),
                };
              });
        return [200, { bindings, total: bindings.length, page, per_page: 50 }];
      },
    },
    {
      method: "PATCH",
      path: /^\/api\/v2\/actions\/triggers\/([^/]+)\/bindings$/,
      handle: ({ params: [trigger = ""], body, granted }) => {
        requireScope(granted, "update:actions");
        const modelled = providerTrigger(trigger);
        const ids = ((body.bindings as unknown[]) ?? []).map((binding) => {
          const action = actionById(boundActionId(binding));
          checkBindable(action, modelled);
          return action.id;
        });
        state.bindings[modelled] = ids;
        return [
          200,
          { bindings: ids.map((id) => ({ id: `binding-${id}`, trigger_id: modelled })) },
        ];
      },
    },
  ];
}
