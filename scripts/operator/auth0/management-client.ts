// The official SDK's ManagementClient for our settings. The SDK only builds
// https://{domain} URLs (token endpoint included); for a local stand-in given
// as http://127.0.0.1:port, a fetch wrapper turns those back into http.
import { ManagementClient } from "auth0";
import type { Auth0Settings } from "./config.js";

export interface ManagementClientOptions {
  /** Retries on 429 and 5xx, with the SDK's backoff (Retry-After honoured). */
  maxRetries?: number;
  timeoutInSeconds?: number;
}

export function rewritingFetch(origin: string): typeof fetch {
  const target = new URL(origin);
  const rewrite = (url: string): string => {
    const parsed = new URL(url);
    if (parsed.host !== target.host) return url;
    parsed.protocol = target.protocol;
    return parsed.href;
  };
  return (input, init) => {
    if (typeof input === "string") return fetch(rewrite(input), init);
    if (input instanceof URL) return fetch(rewrite(input.href), init);
    return fetch(new Request(rewrite(input.url), input), init);
  };
}

export function createManagementClient(
  settings: Auth0Settings,
  options: ManagementClientOptions = {},
): ManagementClient {
  const local = new URL(settings.origin).protocol === "http:";
  return new ManagementClient({
    domain: settings.domain,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    maxRetries: options.maxRetries ?? 4,
    timeoutInSeconds: options.timeoutInSeconds ?? 30,
    ...(local ? { fetch: rewritingFetch(settings.origin) } : {}),
  });
}
