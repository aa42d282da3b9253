// The rules of a real tenant that our scripts must get right, as pure checks:
// each returns what Auth0 would accept or throws the refusal Auth0 answers
// with. The routes apply them to the state; keeping them apart lets each rule
// be tested without a server.
import { ApiError } from "./auth0-error.js";
import type {
  StandInState,
  StoredAction,
  StoredMethod,
  StoredProvider,
  StoredSecret,
  TestSend,
} from "./state.js";

export const CUSTOM_PHONE_PROVIDER = "custom-phone-provider";
export const CUSTOM_EMAIL_PROVIDER = "custom-email-provider";
/** The triggers that deliver a tenant's messages: each allows one Action and one binding. */
export const PROVIDER_TRIGGERS = [CUSTOM_PHONE_PROVIDER, CUSTOM_EMAIL_PROVIDER] as const;
export type ProviderTrigger = (typeof PROVIDER_TRIGGERS)[number];

export function providerTrigger(value: string): ProviderTrigger {
  const trigger = PROVIDER_TRIGGERS.find((candidate) => candidate === value);
  if (!trigger)
    throw new ApiError(400, `The stand-in only models ${PROVIDER_TRIGGERS.join(" and ")}.`);
  return trigger;
}
const E164 = /^\+[1-9]\d{1,14}$/;

type Triggers = StoredAction["supported_triggers"];

export function requireScope(granted: ReadonlySet<string>, scope: string): void {
  if (!granted.has(scope)) {
    throw new ApiError(403, `Insufficient scope, expected any of: ${scope}`, "insufficient_scope");
  }
}

export interface ClientCredentialsGrant {
  clientId: string;
  clientSecret: string;
  /** The Management API's identifier on this domain. */
  audience: string;
}

export interface TokenRefusal {
  status: number;
  body: { error: string; error_description: string };
}

/** Why Auth0 would refuse this token request (OAuth's error body, not the API's), if it would. */
export function tokenRefusal(
  body: Record<string, unknown>,
  grant: ClientCredentialsGrant,
): TokenRefusal | undefined {
  if (body.grant_type !== "client_credentials") {
    return {
      status: 400,
      body: { error: "unsupported_grant_type", error_description: "Unsupported grant type" },
    };
  }
  if (body.client_id !== grant.clientId || body.client_secret !== grant.clientSecret) {
    return { status: 401, body: { error: "access_denied", error_description: "Unauthorized" } };
  }
  if (body.audience !== grant.audience) {
    return {
      status: 403,
      body: {
        error: "access_denied",
        error_description: `Service not enabled within domain: ${String(body.audience)}`,
      },
    };
  }
  return undefined;
}

export const supportsTrigger = (
  action: { supported_triggers: Triggers },
  trigger: ProviderTrigger,
): boolean => action.supported_triggers.some((supported) => supported.id === trigger);

export const supportsPhoneProvider = (action: { supported_triggers: Triggers }): boolean =>
  supportsTrigger(action, CUSTOM_PHONE_PROVIDER);

/**
 * The name and triggers of a new Action. Auth0 requires both, and allows one
 * custom-phone-provider Action and one custom-email-provider Action per tenant.
 */
export function newActionFields(
  body: Record<string, unknown>,
  existing: readonly StoredAction[],
): { name: string; supported_triggers: Triggers } {
  const triggers = (
    Array.isArray(body.supported_triggers) ? body.supported_triggers : []
  ) as Triggers;
  if (typeof body.name !== "string" || !body.name || !triggers.length) {
    throw new ApiError(400, "Payload validation error: name and supported_triggers are required.");
  }
  for (const trigger of PROVIDER_TRIGGERS) {
    const supports = (action: { supported_triggers: Triggers }) => supportsTrigger(action, trigger);
    if (supports({ supported_triggers: triggers }) && existing.some(supports)) {
      throw new ApiError(
        403,
        `Only one action may support the ${trigger} trigger.`,
        `actions_cardinality_${trigger.replaceAll("-", "_")}_not_allowed`,
      );
    }
  }
  return { name: body.name, supported_triggers: triggers };
}

type BuildState = Pick<StoredAction, "status" | "readsUntilBuilt">;

/** Auth0 builds a saved draft in the background: reads see "building" for a while, then "built". */
export function buildProgress(action: BuildState): BuildState {
  if (action.status === "built" || action.readsUntilBuilt <= 0) {
    return { status: "built", readsUntilBuilt: action.readsUntilBuilt };
  }
  return { status: "building", readsUntilBuilt: action.readsUntilBuilt - 1 };
}

export function checkDeployable(action: Pick<StoredAction, "status">): void {
  if (action.status !== "built") {
    throw new ApiError(400, "A draft must be in the 'built' state before it can be deployed.");
  }
}

/**
 * Secrets as a create or update sends them. Auth0 never returns a value, so a
 * secret sent by name alone keeps the value it had.
 */
export function secretsFrom(
  value: unknown,
  previous: readonly StoredSecret[],
  clock: () => string,
): StoredSecret[] {
  return (Array.isArray(value) ? value : []).map((raw) => {
    const secret = raw as { name?: unknown; value?: unknown };
    const name = String(secret.name ?? "");
    const kept = previous.find((old) => old.name === name);
    return {
      name,
      value: typeof secret.value === "string" ? secret.value : (kept?.value ?? ""),
      updated_at: typeof secret.value === "string" ? clock() : (kept?.updated_at ?? clock()),
    };
  });
}

/** Secret values are write-only: an Action read back shows names and dates. */
export const secretsAsReturned = (
  secrets: readonly StoredSecret[],
): { name: string; updated_at: string }[] =>
  secrets.map(({ name, updated_at }) => ({ name, updated_at }));

/** The Action id a trigger binding refers to. */
export function boundActionId(binding: unknown): string {
  const { ref } = binding as { ref?: { type?: string; value?: string } };
  if (ref?.type !== "action_id" || !ref.value) {
    throw new ApiError(400, "Payload validation error: ref must be {type: action_id, value}.");
  }
  return ref.value;
}

/** Only a deployed Action for the trigger can be bound to it. */
export function checkBindable(action: StoredAction, trigger: ProviderTrigger): void {
  if (!supportsTrigger(action, trigger)) {
    throw new ApiError(400, `The action does not support the ${trigger} trigger.`);
  }
  if (!action.deployed) {
    throw new ApiError(400, "Trying to create a binding for an action that has not been deployed.");
  }
}

/** A tenant has one phone provider: a second is a conflict, not a replacement. */
export function checkNoProviderYet(providers: readonly StoredProvider[]): void {
  if (providers.length) throw new ApiError(409, "A phone provider already exists for this tenant.");
}

export function providerName(value: unknown): StoredProvider["name"] {
  if (value !== "custom" && value !== "twilio") throw new ApiError(400, "Invalid provider name.");
  return value;
}

export function checkCredentials(value: unknown): void {
  if (!value || typeof value !== "object") {
    throw new ApiError(400, "Payload validation error: 'credentials' is required.");
  }
}

/** A custom provider delivers through an Action, so Auth0 wants one deployed first. */
export function checkCustomProviderAllowed(
  name: StoredProvider["name"],
  deployedPhoneAction: StoredAction | undefined,
): void {
  if (name === "custom" && !deployedPhoneAction) {
    throw new ApiError(
      400,
      "A custom phone provider requires a deployed action supporting the custom-phone-provider trigger.",
    );
  }
}

export function deliveryMethods(value: unknown): string[] {
  const methods = Array.isArray(value) ? value.map(String) : [];
  if (!methods.length || methods.some((method) => method !== "text" && method !== "voice")) {
    throw new ApiError(
      400,
      "Payload validation error: 'delivery_methods' must be a non-empty subset of text, voice.",
    );
  }
  return methods;
}

/** A test notification: to an E.164 number, by a method the provider delivers by. */
export function testSend(provider: StoredProvider, body: Record<string, unknown>): TestSend {
  const to = String(body.to ?? "");
  const deliveryMethod = String(body.delivery_method ?? "text");
  if (!E164.test(to)) {
    throw new ApiError(400, "Payload validation error: 'to' must be an E.164 number.");
  }
  if (!provider.configuration.delivery_methods.includes(deliveryMethod)) {
    throw new ApiError(400, `The provider does not deliver by ${deliveryMethod}.`);
  }
  return { to, delivery_method: deliveryMethod };
}

/**
 * The MFA phone message types: sms and voice, each only if the provider (when
 * there is one) delivers by text or voice respectively.
 */
export function messageTypes(
  value: unknown,
  providerMethods: readonly string[] | undefined,
): string[] {
  const types = Array.isArray(value) ? value.map(String) : [];
  if (types.some((type) => type !== "sms" && type !== "voice")) {
    throw new ApiError(400, "Invalid message type.");
  }
  const needs = (type: string) => (type === "sms" ? "text" : "voice");
  if (providerMethods && types.some((type) => !providerMethods.includes(needs(type)))) {
    throw new ApiError(
      409,
      "The message types must be a subset of the phone provider's delivery methods.",
    );
  }
  return types;
}

/**
 * Guardian's selected-provider chooses among Auth0's own MFA SMS providers
 * (auth0, twilio, phone-message-hook); with the tenant-level phone provider on,
 * MFA codes go through that provider instead. Auth0's CLI calls the switch
 * legacy and not for tenants on that experience; the stand-in refuses it
 * there. setup never calls it.
 */
export function checkSelectedProviderAllowed(settings: StandInState["tenantSettings"]): void {
  if (settings.phone_consolidated_experience) {
    throw new ApiError(
      403,
      "The tenant uses the tenant-level phone provider; configure that provider instead.",
    );
  }
}

/** Factors that cannot stand alone: each may be on only while another factor is. */
const DEPENDENT_FACTORS = ["email"];

export function factorEnabled(
  factors: Readonly<Record<string, boolean>>,
  name: string,
  enabled: unknown,
): boolean {
  if (!(name in factors)) throw new ApiError(404, "Factor not found.");
  if (typeof enabled !== "boolean") {
    throw new ApiError(400, "Payload validation error: 'enabled' is required.");
  }
  // Auth0 documents email as a dependent factor; the status and wording of its
  // refusal are not documented, so this one is the stand-in's own.
  const independentOn = Object.entries(factors).some(
    ([other, on]) => on && other !== name && !DEPENDENT_FACTORS.includes(other),
  );
  if (enabled && DEPENDENT_FACTORS.includes(name) && !independentOn) {
    throw new ApiError(
      400,
      `The ${name} factor can only be enabled while another factor (such as sms or otp) is enabled.`,
    );
  }
  return enabled;
}

/** A phone number to enrol: E.164, and not one the user already has (Auth0 answers 409). */
export function enrollablePhoneNumber(methods: readonly StoredMethod[], value: unknown): string {
  const phone = String(value ?? "");
  if (!E164.test(phone)) {
    throw new ApiError(400, "Payload validation error: 'phone_number' must be E.164.");
  }
  if (methods.some((method) => method.type === "phone" && method.phone_number === phone)) {
    throw new ApiError(409, "Authentication method already exists");
  }
  return phone;
}

/**
 * A TOTP method's secret: the SDK documents `totp_secret` as "Base32 encoded
 * secret for TOTP generation". Its length is not documented, so only the
 * alphabet (RFC 4648, either case, optional padding) is enforced.
 */
export function totpSecret(value: unknown): string {
  if (typeof value !== "string" || !/^[A-Za-z2-7]+=*$/.test(value)) {
    throw new ApiError(
      400,
      "Payload validation error: 'totp_secret' must be a base32 encoded string.",
    );
  }
  return value;
}

/**
 * One authenticator-app enrolment per user: the Management API answers 409
 * when the user already has a `totp` method (the status the endpoint lists for
 * "already exists"; a second authenticator app is not offered by Universal
 * Login either).
 */
export function checkNoTotpYet(methods: readonly StoredMethod[]): void {
  if (methods.some((method) => method.type === "totp")) {
    throw new ApiError(409, "Authentication method already exists");
  }
}
