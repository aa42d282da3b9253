// The rules of a tenant's email provider, as pure checks (see auth0-rules.ts
// for why they live apart from the routes): one provider per tenant, a known
// name, and `custom` only with a deployed custom-email-provider Action.
import { ApiError } from "./auth0-error.js";
import type { StoredAction, StoredEmailProvider } from "./state.js";

/** The names Auth0's Management API accepts for `name`. */
export const EMAIL_PROVIDER_NAMES = [
  "mailgun",
  "mandrill",
  "sendgrid",
  "resend",
  "ses",
  "sparkpost",
  "smtp",
  "azure_cs",
  "ms365",
  "custom",
] as const;

export function emailProviderName(value: unknown): string {
  if (typeof value !== "string" || !(EMAIL_PROVIDER_NAMES as readonly string[]).includes(value)) {
    throw new ApiError(
      400,
      `Payload validation error: 'name' must be one of ${EMAIL_PROVIDER_NAMES.join(", ")}.`,
    );
  }
  return value;
}

/** A tenant has one email provider: POST when there is one is 409, PATCH when there is none 404. */
export function checkNoEmailProviderYet(provider: StoredEmailProvider | undefined): void {
  if (provider) throw new ApiError(409, "An email provider is already configured.");
}

export function existingEmailProvider(
  provider: StoredEmailProvider | undefined,
): StoredEmailProvider {
  if (!provider) throw new ApiError(404, "Email provider has not been configured.");
  return provider;
}

export function emailCredentials(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new ApiError(400, "Payload validation error: 'credentials' is required.");
  }
  return value as Record<string, unknown>;
}

/** The custom provider delivers through the Action, so Auth0 wants one deployed first. */
export function checkCustomEmailProviderAllowed(
  name: string,
  deployedEmailAction: StoredAction | undefined,
): void {
  if (name === "custom" && !deployedEmailAction) {
    throw new ApiError(
      400,
      "A custom email provider requires a deployed action supporting the custom-email-provider trigger.",
      "custom_email_provider_deployed_action_not_found",
    );
  }
}

/**
 * What a read answers: only `name` and `enabled` unless `fields` asks for more
 * (Auth0: "Leave empty to retrieve name and enabled"). Credentials are never
 * returned here, whatever is asked: an API key is write-only.
 */
export function emailProviderAsReturned(
  provider: StoredEmailProvider,
  fields: string | null = null,
  includeFields = true,
): Record<string, unknown> {
  const all: Record<string, unknown> = {
    name: provider.name,
    enabled: provider.enabled,
    ...(provider.default_from_address
      ? { default_from_address: provider.default_from_address }
      : {}),
  };
  const named = (fields ?? "")
    .split(",")
    .map((field) => field.trim())
    .filter(Boolean);
  const wanted = (field: string) =>
    named.length === 0
      ? field === "name" || field === "enabled"
      : named.includes(field) === includeFields;
  return Object.fromEntries(Object.entries(all).filter(([field]) => wanted(field)));
}
