// Settings of the Auth0 scripts, from the environment and the repository's
// `.env` file (variables already set win). Every problem is reported at once,
// in words that say what to set.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { config as loadDotenv } from "dotenv";
import { isLoopbackHost, maySendSecretTo } from "functions/contract/webhook-url";
import { UsageError } from "../cli/command.js";
import { REPO_ROOT } from "../cli/repo-facts.js";

export interface Auth0Settings {
  /** host[:port] as the SDK wants it, e.g. "demo.eu.auth0.com" or "127.0.0.1:4010". */
  domain: string;
  /** "https://demo.eu.auth0.com", or the full origin given for a local stand-in. */
  origin: string;
  clientId: string;
  clientSecret: string;
}

export interface WebhookSettings {
  url: string;
  secret: string;
}

const MIN_SECRET_CHARS = 16;

/** Loads `.env` from the repository root, if there is one; returns its path when loaded. */
export function loadDotenvFile(path: string = join(REPO_ROOT, ".env")): string | undefined {
  if (!existsSync(path)) return undefined;
  loadDotenv({ path, quiet: true });
  return path;
}

function fail(problems: string[]): never {
  throw new UsageError(
    problems.length === 1
      ? `${problems[0]} (set it in the environment or in .env; see the README, section "Auth0 tenant")`
      : `Configuration problems:\n${problems.map((problem) => `  - ${problem}`).join("\n")}\n(set them in the environment or in .env; see the README, section "Auth0 tenant")`,
  );
}

/** AUTH0_DOMAIN: a tenant host, or a full origin (http only for this machine, e.g. a test stand-in). */
export function parseAuth0Domain(value: string): { domain: string; origin: string } | string {
  const raw = value.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return `AUTH0_DOMAIN "${raw}" is not a host name such as my-tenant.eu.auth0.com`;
  }
  if (url.pathname !== "/" || url.search || url.hash || url.username) {
    return `AUTH0_DOMAIN "${raw}" must be just the tenant's host, such as my-tenant.eu.auth0.com`;
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    return `AUTH0_DOMAIN "${raw}" must use https (http is only for a local stand-in on 127.0.0.1)`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return `AUTH0_DOMAIN "${raw}" must be an https host`;
  }
  return { domain: url.host, origin: url.origin };
}

export function readAuth0Settings(env: NodeJS.ProcessEnv = process.env): Auth0Settings {
  const problems: string[] = [];
  const domainValue = env.AUTH0_DOMAIN?.trim();
  const clientId = env.AUTH0_CLIENT_ID?.trim();
  const clientSecret = env.AUTH0_CLIENT_SECRET?.trim();
  let parsed: { domain: string; origin: string } | undefined;
  if (!domainValue)
    problems.push("AUTH0_DOMAIN is not set (your tenant's domain, e.g. my-tenant.eu.auth0.com)");
  else {
    const result = parseAuth0Domain(domainValue);
    if (typeof result === "string") problems.push(result);
    else parsed = result;
  }
  if (!clientId)
    problems.push("AUTH0_CLIENT_ID is not set (the machine-to-machine application's Client ID)");
  if (!clientSecret) {
    problems.push(
      "AUTH0_CLIENT_SECRET is not set (the machine-to-machine application's Client Secret)",
    );
  }
  if (problems.length || !parsed || !clientId || !clientSecret) fail(problems);
  return { ...parsed, clientId, clientSecret };
}

/** The webhook the Action will call. */
export function readWebhookSettings(env: NodeJS.ProcessEnv = process.env): WebhookSettings {
  const problems: string[] = [];
  const url = env.OTP_WEBHOOK_URL?.trim();
  const secret = env.OTP_WEBHOOK_SECRET?.trim();
  let parsed: URL | undefined;
  if (!url) {
    problems.push(
      "OTP_WEBHOOK_URL is not set (the webhook, e.g. https://<project>.web.app/api/otp)",
    );
  } else {
    try {
      parsed = new URL(url);
    } catch {
      problems.push(
        `OTP_WEBHOOK_URL "${url}" is not a URL such as https://<project>.web.app/api/otp`,
      );
    }
    if (parsed && !maySendSecretTo(parsed)) {
      problems.push(
        `OTP_WEBHOOK_URL "${url}" must use https: the Action sends the secret with every call`,
      );
    }
  }
  if (!secret) {
    problems.push(
      "OTP_WEBHOOK_SECRET is not set (the same value as the function's OTP_WEBHOOK_SECRET)",
    );
  } else if (secret.length < MIN_SECRET_CHARS && !(parsed && isLoopbackHost(parsed.hostname))) {
    // The length rule guards secrets that travel the internet; a local stack's stays here.
    problems.push(
      `OTP_WEBHOOK_SECRET is too short (${secret.length} characters, at least ${MIN_SECRET_CHARS}): generate one with \`openssl rand -base64 32\``,
    );
  } else if (/[\s,]/.test(secret)) {
    problems.push(
      "OTP_WEBHOOK_SECRET must not contain spaces or commas (the function reads a comma as a rotation list)",
    );
  }
  if (problems.length || !url || !secret) fail(problems);
  return { url: new URL(url).href, secret };
}

export const isLoopbackUrl = (url: string): boolean => isLoopbackHost(new URL(url).hostname);
