// The local webhook secret in functions/.secret.local, where the Functions
// emulator reads secrets. Created with a random value on first start.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const KEY = "OTP_WEBHOOK_SECRET";

export function readSecretFromDotenv(text: string): string | undefined {
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*OTP_WEBHOOK_SECRET\s*=\s*(.*?)\s*$/.exec(line);
    if (match) return match[1]?.replace(/^(["'])(.*)\1$/, "$2") || undefined;
  }
  return undefined;
}

/**
 * The secret a sender uses with the local stack: the first of "new,old" (the
 * function accepts both during a rotation), or undefined when there is none.
 */
export function readLocalWebhookSecret(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  return readSecretFromDotenv(readFileSync(path, "utf8"))?.split(",")[0]?.trim() || undefined;
}

export function ensureLocalWebhookSecret(path: string): { secret: string; created: boolean } {
  const existing = existsSync(path) ? readSecretFromDotenv(readFileSync(path, "utf8")) : undefined;
  if (existing) return { secret: existing, created: false };
  const secret = randomBytes(24).toString("base64url");
  const previous = existsSync(path) ? readFileSync(path, "utf8") : "";
  writeFileSync(
    path,
    `${previous}${previous && !previous.endsWith("\n") ? "\n" : ""}${KEY}=${secret}\n`,
    {
      mode: 0o600,
    },
  );
  return { secret, created: true };
}
