// A small, stateful stand-in for the parts of Auth0's Management API our
// scripts use, enforcing the documented rules that make real tenants fail:
// one custom-phone-provider Action per tenant, deploy only once built, bind
// only deployed Actions, a custom phone provider only with a deployed Action,
// phone message types within the provider's delivery methods, 409 on a
// duplicate enrolment, bearer tokens with scopes. Test-only.
import { randomBytes, randomUUID } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const ALL_SCOPES = [
  "read:actions",
  "create:actions",
  "update:actions",
  "read:phone_providers",
  "create:phone_providers",
  "update:phone_providers",
  "read:guardian_factors",
  "update:guardian_factors",
  "read:users",
  "read:authentication_methods",
  "create:authentication_methods",
  "delete:authentication_methods",
  "read:tenant_settings",
  "update:tenant_settings",
] as const;

const CPP = "custom-phone-provider";

export interface StoredSecret {
  name: string;
  value: string;
  updated_at: string;
}

export interface StoredAction {
  id: string;
  name: string;
  supported_triggers: { id: string; version: string }[];
  code: string;
  runtime: string;
  dependencies: { name: string; version: string }[];
  secrets: StoredSecret[];
  status: "pending" | "building" | "built" | "failed";
  /** Reads of the Action left before its build finishes. */
  readsUntilBuilt: number;
  all_changes_deployed: boolean;
  deployed?: { id: string; number: number; code: string; runtime: string; secrets: StoredSecret[] };
  versions: number;
  created_at: string;
  updated_at: string;
}

export interface StoredProvider {
  id: string;
  name: "custom" | "twilio";
  disabled: boolean;
  configuration: { delivery_methods: string[] };
  created_at: string;
  updated_at: string;
}

export interface StoredMethod {
  id: string;
  type: "phone";
  phone_number: string;
  preferred_authentication_method: string;
  confirmed: boolean;
  created_at: string;
}

export interface StoredUser {
  user_id: string;
  email: string;
  name: string;
  methods: StoredMethod[];
}

export interface TestSend {
  to: string;
  delivery_method: string;
  /** When the stand-in ran the deployed Action: the code it sent and what the Action told Auth0. */
  outcome?: { code: string; drops: string[]; retries: string[] };
}

export interface StandInState {
  actions: StoredAction[];
  boundActionIds: string[];
  providers: StoredProvider[];
  tenantSettings: { phone_consolidated_experience: boolean };
  factors: Record<string, boolean>;
  messageTypes: string[];
  users: StoredUser[];
  testSends: TestSend[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
}

export interface StandInOptions {
  clientId?: string;
  clientSecret?: string;
  /** Scopes granted to tokens; default ALL_SCOPES. */
  scopes?: readonly string[];
  /** Reads of an Action before a new build reports "built"; default 2. */
  readsUntilBuilt?: number;
  /** On a test send, run the deployed Action code for real (it then calls its webhook). */
  runActionOnTestSend?: boolean;
}

export interface ManagementApiStandIn {
  origin: string;
  clientId: string;
  clientSecret: string;
  state: StandInState;
  requests: RecordedRequest[];
  /** Requests that change the tenant (everything but reads and the token). */
  changes(): RecordedRequest[];
  /** The next `count` API requests whose path starts with `pathPrefix` get 429. */
  rateLimit(pathPrefix: string, count: number): void;
  addUser(email: string, name?: string): StoredUser;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errorCode?: string,
  ) {
    super(message);
  }
}

const REASON: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  429: "Too Many Requests",
};

const now = () => new Date().toISOString();
const E164 = /^\+[1-9]\d{1,14}$/;

function emptyState(): StandInState {
  return {
    actions: [],
    boundActionIds: [],
    providers: [],
    // New tenants have the tenant-level phone provider on; ours starts off to exercise the step.
    tenantSettings: { phone_consolidated_experience: false },
    factors: { sms: false, otp: false, email: false, "push-notification": false },
    messageTypes: [],
    users: [],
    testSends: [],
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  if ((req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new HttpError(400, "Invalid JSON body");
  }
}

function publicAction(action: StoredAction) {
  return {
    id: action.id,
    name: action.name,
    supported_triggers: action.supported_triggers,
    code: action.code,
    runtime: action.runtime,
    dependencies: action.dependencies,
    // Secret values are write-only.
    secrets: action.secrets.map(({ name, updated_at }) => ({ name, updated_at })),
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
            secrets: action.deployed.secrets.map(({ name, updated_at }) => ({ name, updated_at })),
            deployed: true,
            status: "built",
          },
        }
      : {}),
    created_at: action.created_at,
    updated_at: action.updated_at,
  };
}

async function runAction(
  code: string,
  secrets: StoredSecret[],
  to: string,
  deliveryMethod: string,
) {
  const dir = mkdtempSync(join(tmpdir(), "auth0-stand-in-action-"));
  const file = join(dir, "action.cjs");
  writeFileSync(file, code);
  const drops: string[] = [];
  const retries: string[] = [];
  const digits = String(100000 + (randomBytes(3).readUIntBE(0, 3) % 900000));
  try {
    const loaded = createRequire(import.meta.url)(file) as {
      onExecuteCustomPhoneProvider(event: unknown, api: unknown): Promise<void>;
    };
    await loaded.onExecuteCustomPhoneProvider(
      {
        notification: {
          recipient: to,
          code: digits,
          as_text: `${digits} is your verification code.`,
          as_voice: `Your verification code is ${digits.split("").join(", ")}`,
          delivery_method: deliveryMethod,
          message_type: "otp_verify",
          locale: "en_US",
        },
        user: {
          user_id: "auth0|stand-in-test",
          email: "test-sms@stand-in.example",
          name: "Test send",
        },
        client: { client_id: "stand-in", name: "Management API test" },
        tenant: { id: "stand-in" },
        secrets: Object.fromEntries(secrets.map((secret) => [secret.name, secret.value])),
      },
      {
        notification: { drop: (r: string) => drops.push(r), retry: (r: string) => retries.push(r) },
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { code: digits, drops, retries };
}

export async function startManagementApiStandIn(
  options: StandInOptions = {},
): Promise<ManagementApiStandIn> {
  const clientId = options.clientId ?? "stand-in-client";
  const clientSecret = options.clientSecret ?? "stand-in-client-secret";
  const scopes = new Set(options.scopes ?? ALL_SCOPES);
  const readsUntilBuilt = options.readsUntilBuilt ?? 2;
  const state = emptyState();
  const requests: RecordedRequest[] = [];
  const tokens = new Set<string>();
  const limits: { prefix: string; left: number }[] = [];
  let origin = "";

  const actionById = (id: string) => {
    const action = state.actions.find((candidate) => candidate.id === id);
    if (!action) throw new HttpError(404, "The action does not exist.");
    return action;
  };
  const deployedCppAction = () =>
    state.actions.find(
      (action) => action.deployed && action.supported_triggers.some((t) => t.id === CPP),
    );
  const userById = (id: string) => {
    const user = state.users.find((candidate) => candidate.user_id === id);
    if (!user) throw new HttpError(404, "The user does not exist.", "inexistent_user");
    return user;
  };
  const need = (scope: string) => (granted: Set<string>) => {
    if (!granted.has(scope)) {
      throw new HttpError(
        403,
        `Insufficient scope, expected any of: ${scope}`,
        "insufficient_scope",
      );
    }
  };
  const validDeliveryMethods = (value: unknown): string[] => {
    const methods = Array.isArray(value) ? value.map(String) : [];
    if (!methods.length || methods.some((m) => m !== "text" && m !== "voice")) {
      throw new HttpError(
        400,
        "Payload validation error: 'delivery_methods' must be a non-empty subset of text, voice.",
      );
    }
    return methods;
  };
  const checkCustomProviderAllowed = (name: unknown) => {
    if (name === "custom" && !deployedCppAction()) {
      throw new HttpError(
        400,
        "A custom phone provider requires a deployed action supporting the custom-phone-provider trigger.",
      );
    }
  };
  const secretsFrom = (value: unknown, previous: StoredSecret[] = []): StoredSecret[] =>
    (Array.isArray(value) ? value : []).map((raw) => {
      const secret = raw as { name?: unknown; value?: unknown };
      const name = String(secret.name ?? "");
      const kept = previous.find((old) => old.name === name);
      return {
        name,
        value: typeof secret.value === "string" ? secret.value : (kept?.value ?? ""),
        updated_at: typeof secret.value === "string" ? now() : (kept?.updated_at ?? now()),
      };
    });

  type Handler = (
    match: string[],
    body: Record<string, unknown>,
    url: URL,
    granted: Set<string>,
  ) => Promise<[number, unknown]> | [number, unknown];
  const routes: [string, RegExp, Handler][] = [
    [
      "GET",
      /^\/api\/v2\/actions\/actions$/,
      (_m, _b, url, granted) => {
        need("read:actions")(granted);
        const trigger = url.searchParams.get("triggerId");
        const page = Number(url.searchParams.get("page") ?? 0);
        const all = state.actions.filter(
          (a) => !trigger || a.supported_triggers.some((t) => t.id === trigger),
        );
        const actions = page > 0 ? [] : all.map(publicAction);
        return [200, { actions, total: all.length, page, per_page: 50 }];
      },
    ],
    [
      "POST",
      /^\/api\/v2\/actions\/actions$/,
      (_m, body, _u, granted) => {
        need("create:actions")(granted);
        const triggers = (
          Array.isArray(body.supported_triggers) ? body.supported_triggers : []
        ) as {
          id: string;
          version: string;
        }[];
        if (typeof body.name !== "string" || !body.name || !triggers.length) {
          throw new HttpError(
            400,
            "Payload validation error: name and supported_triggers are required.",
          );
        }
        if (
          triggers.some((t) => t.id === CPP) &&
          state.actions.some((a) => a.supported_triggers.some((t) => t.id === CPP))
        ) {
          throw new HttpError(
            403,
            "Only one action may support the custom-phone-provider trigger.",
            "actions_cardinality_custom_phone_provider_not_allowed",
          );
        }
        const action: StoredAction = {
          id: randomUUID(),
          name: body.name,
          supported_triggers: triggers,
          code: String(body.code ?? ""),
          runtime: String(body.runtime ?? "node22"),
          dependencies: (body.dependencies as StoredAction["dependencies"]) ?? [],
          secrets: secretsFrom(body.secrets),
          status: "pending",
          readsUntilBuilt,
          all_changes_deployed: false,
          versions: 0,
          created_at: now(),
          updated_at: now(),
        };
        state.actions.push(action);
        return [201, publicAction(action)];
      },
    ],
    [
      "GET",
      /^\/api\/v2\/actions\/actions\/([^/]+)$/,
      ([id = ""], _b, _u, granted) => {
        need("read:actions")(granted);
        const action = actionById(id);
        if (action.status !== "built") {
          if (action.readsUntilBuilt <= 0) action.status = "built";
          else {
            action.readsUntilBuilt -= 1;
            action.status = "building";
          }
        }
        return [200, publicAction(action)];
      },
    ],
    [
      "PATCH",
      /^\/api\/v2\/actions\/actions\/([^/]+)$/,
      ([id = ""], body, _u, granted) => {
        need("update:actions")(granted);
        const action = actionById(id);
        if (typeof body.name === "string") action.name = body.name;
        if (typeof body.code === "string") action.code = body.code;
        if (typeof body.runtime === "string") action.runtime = body.runtime;
        if (Array.isArray(body.dependencies))
          action.dependencies = body.dependencies as StoredAction["dependencies"];
        if (Array.isArray(body.secrets)) action.secrets = secretsFrom(body.secrets, action.secrets);
        action.status = "pending";
        action.readsUntilBuilt = readsUntilBuilt;
        action.all_changes_deployed = false;
        action.updated_at = now();
        return [200, publicAction(action)];
      },
    ],
    [
      "POST",
      /^\/api\/v2\/actions\/actions\/([^/]+)\/deploy$/,
      ([id = ""], _b, _u, granted) => {
        need("create:actions")(granted);
        const action = actionById(id);
        if (action.status !== "built") {
          throw new HttpError(
            400,
            "A draft must be in the 'built' state before it can be deployed.",
          );
        }
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
    ],
    [
      "GET",
      /^\/api\/v2\/actions\/triggers\/([^/]+)\/bindings$/,
      ([trigger = ""], _b, url, granted) => {
        need("read:actions")(granted);
        const page = Number(url.searchParams.get("page") ?? 0);
        const bindings =
          trigger !== CPP || page > 0
            ? []
            : state.boundActionIds.map((id) => {
                const action = actionById(id);
                return {
                  id: `binding-${id}`,
                  trigger_id: CPP,
                  display_name: action.name,
                  action: publicAction(action),
                };
              });
        return [200, { bindings, total: bindings.length, page, per_page: 50 }];
      },
    ],
    [
      "PATCH",
      /^\/api\/v2\/actions\/triggers\/([^/]+)\/bindings$/,
      ([trigger = ""], body, _u, granted) => {
        need("update:actions")(granted);
        if (trigger !== CPP) throw new HttpError(400, `The stand-in only models ${CPP}.`);
        const ids = ((body.bindings as { ref?: { type?: string; value?: string } }[]) ?? []).map(
          (binding) => {
            if (binding.ref?.type !== "action_id" || !binding.ref.value) {
              throw new HttpError(
                400,
                "Payload validation error: ref must be {type: action_id, value}.",
              );
            }
            const action = actionById(binding.ref.value);
            if (!action.supported_triggers.some((t) => t.id === CPP)) {
              throw new HttpError(400, `The action does not support the ${CPP} trigger.`);
            }
            if (!action.deployed) {
              throw new HttpError(
                400,
                "Trying to create a binding for an action that has not been deployed.",
              );
            }
            return action.id;
          },
        );
        state.boundActionIds = ids;
        return [200, { bindings: ids.map((id) => ({ id: `binding-${id}`, trigger_id: CPP })) }];
      },
    ],
    [
      "GET",
      /^\/api\/v2\/branding\/phone\/providers$/,
      (_m, _b, _u, granted) => {
        need("read:phone_providers")(granted);
        return [200, { providers: state.providers }];
      },
    ],
    [
      "POST",
      /^\/api\/v2\/branding\/phone\/providers$/,
      (_m, body, _u, granted) => {
        need("create:phone_providers")(granted);
        if (state.providers.length)
          throw new HttpError(409, "A phone provider already exists for this tenant.");
        if (body.name !== "custom" && body.name !== "twilio")
          throw new HttpError(400, "Invalid provider name.");
        if (!body.credentials || typeof body.credentials !== "object") {
          throw new HttpError(400, "Payload validation error: 'credentials' is required.");
        }
        checkCustomProviderAllowed(body.name);
        const configuration = body.configuration as { delivery_methods?: unknown } | undefined;
        const provider: StoredProvider = {
          id: `pro_${randomBytes(8).toString("hex")}`,
          name: body.name,
          disabled: body.disabled === true,
          configuration: {
            delivery_methods: validDeliveryMethods(configuration?.delivery_methods),
          },
          created_at: now(),
          updated_at: now(),
        };
        state.providers.push(provider);
        return [201, provider];
      },
    ],
    [
      "PATCH",
      /^\/api\/v2\/branding\/phone\/providers\/([^/]+)$/,
      ([id = ""], body, _u, granted) => {
        need("update:phone_providers")(granted);
        const provider = state.providers.find((candidate) => candidate.id === id);
        if (!provider) throw new HttpError(404, "Phone provider not found.");
        const name = body.name ?? provider.name;
        if (name !== "custom" && name !== "twilio")
          throw new HttpError(400, "Invalid provider name.");
        checkCustomProviderAllowed(name);
        provider.name = name;
        if (typeof body.disabled === "boolean") provider.disabled = body.disabled;
        const configuration = body.configuration as { delivery_methods?: unknown } | undefined;
        if (configuration)
          provider.configuration = {
            delivery_methods: validDeliveryMethods(configuration.delivery_methods),
          };
        provider.updated_at = now();
        return [200, provider];
      },
    ],
    [
      "POST",
      /^\/api\/v2\/branding\/phone\/providers\/([^/]+)\/try$/,
      async ([id = ""], body, _u, granted) => {
        need("create:phone_providers")(granted);
        const provider = state.providers.find((candidate) => candidate.id === id);
        if (!provider) throw new HttpError(404, "Phone provider not found.");
        const to = String(body.to ?? "");
        const deliveryMethod = String(body.delivery_method ?? "text");
        if (!E164.test(to))
          throw new HttpError(400, "Payload validation error: 'to' must be an E.164 number.");
        if (!provider.configuration.delivery_methods.includes(deliveryMethod)) {
          throw new HttpError(400, `The provider does not deliver by ${deliveryMethod}.`);
        }
        const send: TestSend = { to, delivery_method: deliveryMethod };
        const action = deployedCppAction();
        if (options.runActionOnTestSend && provider.name === "custom" && action?.deployed) {
          send.outcome = await runAction(
            action.deployed.code,
            action.deployed.secrets,
            to,
            deliveryMethod,
          );
        }
        state.testSends.push(send);
        return [202, { code: 202, message: "Test notification sent." }];
      },
    ],
    [
      "GET",
      /^\/api\/v2\/tenants\/settings$/,
      (_m, _b, _u, granted) => {
        need("read:tenant_settings")(granted);
        return [200, { ...state.tenantSettings }];
      },
    ],
    [
      "PATCH",
      /^\/api\/v2\/tenants\/settings$/,
      (_m, body, _u, granted) => {
        need("update:tenant_settings")(granted);
        if (typeof body.phone_consolidated_experience === "boolean") {
          state.tenantSettings.phone_consolidated_experience = body.phone_consolidated_experience;
        }
        return [200, { ...state.tenantSettings }];
      },
    ],
    [
      "GET",
      /^\/api\/v2\/guardian\/factors$/,
      (_m, _b, _u, granted) => {
        need("read:guardian_factors")(granted);
        return [
          200,
          Object.entries(state.factors).map(([name, enabled]) => ({
            name,
            enabled,
            trial_expired: false,
          })),
        ];
      },
    ],
    [
      "GET",
      /^\/api\/v2\/guardian\/factors\/phone\/message-types$/,
      (_m, _b, _u, granted) => {
        need("read:guardian_factors")(granted);
        return [200, { message_types: state.messageTypes }];
      },
    ],
    [
      "PUT",
      /^\/api\/v2\/guardian\/factors\/phone\/message-types$/,
      (_m, body, _u, granted) => {
        need("update:guardian_factors")(granted);
        const types = Array.isArray(body.message_types) ? body.message_types.map(String) : [];
        if (types.some((type) => type !== "sms" && type !== "voice"))
          throw new HttpError(400, "Invalid message type.");
        const methods = state.providers[0]?.configuration.delivery_methods;
        const needs = (type: string) => (type === "sms" ? "text" : "voice");
        if (methods && types.some((type) => !methods.includes(needs(type)))) {
          throw new HttpError(
            409,
            "The message types must be a subset of the phone provider's delivery methods.",
          );
        }
        state.messageTypes = types;
        return [200, { message_types: types }];
      },
    ],
    [
      "PUT",
      /^\/api\/v2\/guardian\/factors\/phone\/selected-provider$/,
      () => {
        if (state.tenantSettings.phone_consolidated_experience) {
          throw new HttpError(
            403,
            "This is a deprecated feature; configure the tenant's phone provider instead.",
          );
        }
        return [200, {}];
      },
    ],
    [
      "PUT",
      /^\/api\/v2\/guardian\/factors\/([^/]+)$/,
      ([name = ""], body, _u, granted) => {
        need("update:guardian_factors")(granted);
        if (!(name in state.factors)) throw new HttpError(404, "Factor not found.");
        if (typeof body.enabled !== "boolean")
          throw new HttpError(400, "Payload validation error: 'enabled' is required.");
        state.factors[name] = body.enabled;
        return [200, { enabled: body.enabled }];
      },
    ],
    [
      "GET",
      /^\/api\/v2\/users-by-email$/,
      (_m, _b, url, granted) => {
        need("read:users")(granted);
        const email = (url.searchParams.get("email") ?? "").toLowerCase();
        return [
          200,
          state.users
            .filter((user) => user.email === email)
            .map(({ user_id, email: address, name }) => ({ user_id, email: address, name })),
        ];
      },
    ],
    [
      "GET",
      /^\/api\/v2\/users\/([^/]+)\/authentication-methods$/,
      ([id = ""], _b, url, granted) => {
        need("read:authentication_methods")(granted);
        const user = userById(id);
        const page = Number(url.searchParams.get("page") ?? 0);
        const authenticators = page > 0 ? [] : user.methods;
        return [200, { start: 0, limit: 50, total: user.methods.length, authenticators }];
      },
    ],
    [
      "POST",
      /^\/api\/v2\/users\/([^/]+)\/authentication-methods$/,
      ([id = ""], body, _u, granted) => {
        need("create:authentication_methods")(granted);
        const user = userById(id);
        if (body.type !== "phone")
          throw new HttpError(400, "The stand-in only models phone methods.");
        const phone = String(body.phone_number ?? "");
        if (!E164.test(phone))
          throw new HttpError(400, "Payload validation error: 'phone_number' must be E.164.");
        if (user.methods.some((method) => method.phone_number === phone)) {
          throw new HttpError(409, "Authentication method already exists");
        }
        const method: StoredMethod = {
          id: `phone|dev_${randomBytes(8).toString("hex")}`,
          type: "phone",
          phone_number: phone,
          preferred_authentication_method: String(body.preferred_authentication_method ?? "sms"),
          confirmed: true,
          created_at: now(),
        };
        user.methods.push(method);
        return [201, method];
      },
    ],
    [
      "DELETE",
      /^\/api\/v2\/users\/([^/]+)\/authentication-methods\/([^/]+)$/,
      ([id = "", methodId = ""], _b, _u, granted) => {
        need("delete:authentication_methods")(granted);
        const user = userById(id);
        const before = user.methods.length;
        user.methods = user.methods.filter((method) => method.id !== methodId);
        if (user.methods.length === before)
          throw new HttpError(404, "Authentication method not found.");
        return [204, undefined];
      },
    ],
  ];

  const send = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    if (body === undefined) {
      res.writeHead(status, headers).end();
      return;
    }
    res
      .writeHead(status, { "content-type": "application/json", ...headers })
      .end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<number> => {
    const url = new URL(req.url ?? "/", origin);
    const method = req.method ?? "GET";
    const body = method === "GET" || method === "DELETE" ? {} : await readJson(req);

    if (url.pathname === "/oauth/token" && method === "POST") {
      if (body.grant_type !== "client_credentials") {
        send(res, 400, {
          error: "unsupported_grant_type",
          error_description: "Unsupported grant type",
        });
        return 400;
      }
      if (body.client_id !== clientId || body.client_secret !== clientSecret) {
        send(res, 401, { error: "access_denied", error_description: "Unauthorized" });
        return 401;
      }
      const audience = `https://${req.headers.host}/api/v2/`;
      if (body.audience !== audience) {
        send(res, 403, {
          error: "access_denied",
          error_description: `Service not enabled within domain: ${String(body.audience)}`,
        });
        return 403;
      }
      const token = randomBytes(16).toString("hex");
      tokens.add(token);
      send(res, 200, {
        access_token: token,
        token_type: "Bearer",
        expires_in: 86400,
        scope: [...scopes].join(" "),
      });
      return 200;
    }

    const limit = limits.find(
      (candidate) => candidate.left > 0 && url.pathname.startsWith(candidate.prefix),
    );
    if (limit) {
      limit.left -= 1;
      send(
        res,
        429,
        { statusCode: 429, error: REASON[429], message: "Global limit has been reached" },
        { "retry-after": "1" },
      );
      return 429;
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (!token || !tokens.has(token)) {
      send(res, 401, { statusCode: 401, error: REASON[401], message: "Invalid token" });
      return 401;
    }
    for (const [routeMethod, pattern, handler] of routes) {
      const match = routeMethod === method ? pattern.exec(url.pathname) : null;
      if (!match) continue;
      const [status, result] = await handler(
        match.slice(1).map(decodeURIComponent),
        body,
        url,
        scopes,
      );
      send(res, status, result);
      return status;
    }
    send(res, 404, {
      statusCode: 404,
      error: REASON[404],
      message: `No stand-in route for ${method} ${url.pathname}`,
    });
    return 404;
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).then(
      (status) =>
        requests.push({
          method: req.method ?? "GET",
          path: new URL(req.url ?? "/", origin).pathname,
          status,
        }),
      (error: unknown) => {
        const status = error instanceof HttpError ? error.status : 500;
        const message = error instanceof Error ? error.message : String(error);
        const errorCode = error instanceof HttpError ? error.errorCode : undefined;
        requests.push({
          method: req.method ?? "GET",
          path: new URL(req.url ?? "/", origin).pathname,
          status,
        });
        send(res, status, {
          statusCode: status,
          error: REASON[status] ?? "Error",
          message,
          ...(errorCode ? { errorCode } : {}),
        });
      },
    );
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    clientId,
    clientSecret,
    state,
    requests,
    changes: () =>
      requests.filter((request) => request.method !== "GET" && request.path !== "/oauth/token"),
    rateLimit: (prefix, count) => void limits.push({ prefix, left: count }),
    addUser(email, name) {
      const user: StoredUser = {
        user_id: `auth0|${randomBytes(6).toString("hex")}`,
        email: email.toLowerCase(),
        name: name ?? email,
        methods: [],
      };
      state.users.push(user);
      return user;
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close").catch(() => undefined);
    },
  };
}
