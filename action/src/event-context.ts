// Who and where a notification is for (user, client, tenant), mapped the same
// way for the phone and the email payloads. Optional context must never cost
// us the notification: a value the webhook's schema would reject is left out
// instead of failing the whole request, using the contract's own patterns and
// limits (each mapping's tests run their bodies through the real schema).
import { EMAIL_PATTERN, LIMITS, LOCALE_PATTERN } from "functions/contract/notification";
import type { Auth0EventContext } from "./auth0-event.js";

/** Trimmed text within `max` characters, or undefined when empty or absent. */
export function shortText(value: unknown, max: number): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  return trimmed.length <= max ? trimmed : trimmed.slice(0, max).trimEnd();
}

/** Drops undefined members so the JSON stays minimal and optional objects vanish when empty. */
export function compact<T extends Record<string, unknown>>(value: T): T | undefined {
  const entries = Object.entries(value).filter(([, member]) => member !== undefined);
  return entries.length ? (Object.fromEntries(entries) as T) : undefined;
}

/** An Auth0 locale the webhook accepts, or undefined. */
export function webhookLocale(value: unknown): string | undefined {
  const locale = shortText(value, 35);
  return locale && LOCALE_PATTERN.test(locale) ? locale : undefined;
}

export interface WebhookContext {
  user?: { id?: string; email?: string; name?: string };
  client?: { id?: string; name?: string };
  tenant?: string;
}

/** The user (id, email, name), client (id, name) and tenant name, each only when usable. */
export function webhookContext(event: Auth0EventContext): WebhookContext {
  const email = shortText(event.user?.email, LIMITS.maxEmailChars);
  const context: WebhookContext = {};
  const user = compact({
    id: shortText(event.user?.user_id, LIMITS.maxUserIdChars),
    email: email && EMAIL_PATTERN.test(email) ? email : undefined,
    name:
      shortText(event.user?.name, LIMITS.maxLabelChars) ??
      shortText(event.user?.nickname, LIMITS.maxLabelChars),
  });
  if (user) context.user = user;
  const client = compact({
    id: shortText(event.client?.client_id, LIMITS.maxClientIdChars),
    name: shortText(event.client?.name, LIMITS.maxLabelChars),
  });
  if (client) context.client = client;
  const tenant = shortText(event.tenant?.id, LIMITS.maxTenantChars);
  if (tenant) context.tenant = tenant;
  return context;
}
