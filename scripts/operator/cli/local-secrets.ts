// The local secrets in functions/.secret.local, where the Functions emulator
// reads them: the webhook's secret and the codes API's read token, each
// created with a random value on first start.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

export const WEBHOOK_SECRET_KEY = "OTP_WEBHOOK_SECRET";
export const READ_TOKEN_KEY = "OTP_READ_TOKEN";

/** A KEY=value line of a dotenv file, quotes removed; undefined when absent or empty. */
export function readDotenvValue(text: string, key: string): string | undefined {
  for (const line of text.split(/\r?\n/)) {
    const [name, ...rest] = line.split("=");
    if (name?.trim() !== key || rest.length === 0) continue;
    return (
      rest
        .join("=")
        .trim()
        .replace(/^(["'])(.*)\1$/, "$2") || undefined
    );
  }
  return undefined;
}

export const readSecretFromDotenv = (text: string): string | undefined =>
  readDotenvValue(text, WEBHOOK_SECRET_KEY);

/** The value of `key` in the file, appended with a random value if missing. */
export function ensureLocalSecret(path: string, key: string): { secret: string; created: boolean } {
  const previous = existsSync(path) ? readFileSync(path, "utf8") : "";
  const existing = readDotenvValue(previous, key);
  if (existing) return { secret: existing, created: false };
  const secret = randomBytes(24).toString("base64url");
  const separator = previous && !previous.endsWith("\n") ? "\n" : "";
  writeFileSync(path, `${previous}${separator}${key}=${secret}\n`, { mode: 0o600 });
  return { secret, created: true };
}

export const ensureLocalWebhookSecret = (path: string) =>
  ensureLocalSecret(path, WEBHOOK_SECRET_KEY);
export const ensureLocalReadToken = (path: string) => ensureLocalSecret(path, READ_TOKEN_KEY);

/**
 * The value a sender or reader uses with the local stack: the first of
 * "new,old" (the function accepts both during a rotation), or undefined.
 */
export function readLocalSecret(path: string, key: string): string | undefined {
  if (!existsSync(path)) return undefined;
  return readDotenvValue(readFileSync(path, "utf8"), key)?.split(",")[0]?.trim() || undefined;
}

export const readLocalWebhookSecret = (path: string) => readLocalSecret(path, WEBHOOK_SECRET_KEY);
export const readLocalReadToken = (path: string) => readLocalSecret(path, READ_TOKEN_KEY);
