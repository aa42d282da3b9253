// Bearer tokens shared by the webhook (its secret) and the codes API (read
// tokens): parsing the header and a constant-time comparison.
import { createHash, timingSafeEqual } from "node:crypto";

/** "new,old" during a rotation; blanks ignored. */
export function parseAcceptedTokens(configured: string): string[] {
  return configured
    .split(",")
    .map((token) => token.trim())
    .filter((token) => token.length > 0);
}

/** The token of `Authorization: Bearer <token>`, if the header is that. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
}

// Hashing first gives equal-length buffers, so the comparison time does not
// depend on where the strings differ nor reveal the token's length.
const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

export function matchesAny(token: string, accepted: readonly string[]): boolean {
  const tokenDigest = digest(token);
  let matched = false;
  for (const candidate of accepted) {
    // No early exit: every candidate is compared.
    matched = timingSafeEqual(tokenDigest, digest(candidate)) || matched;
  }
  return matched;
}
