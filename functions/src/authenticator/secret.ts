// An authenticator's secret as people hand it over: the `otpauth://` URI in
// Auth0's enrolment QR, or the base32 key shown under "trouble scanning?"
// (often lower case, in groups of four, sometimes padded). One parser, so the
// command that adds one and the enrolment agree on what is valid. Error
// messages never repeat the secret.
import { randomBytes } from "node:crypto";
import { base32nopad } from "@scure/base";
import { TOTP } from "../contract/authenticator.js";

export class SecretError extends Error {}

export interface ParsedSecret {
  /** Canonical form: RFC 4648 base32, upper case, no padding, no spaces. */
  base32: string;
  key: Uint8Array;
  /** From an otpauth URI: its label and issuer, to help the operator check whose it is. */
  label?: string;
  issuer?: string;
}

/** A base32 key in any of the forms authenticator apps print. */
export function parseBase32Secret(input: string): ParsedSecret {
  const canonical = input.replace(/[\s-]/g, "").replace(/=+$/, "").toUpperCase();
  if (canonical === "") throw new SecretError("The secret is empty.");
  if (!/^[A-Z2-7]+$/.test(canonical))
    throw new SecretError(
      "The secret is not base32: it may hold only the letters A–Z and the digits 2–7 (spaces, dashes and trailing = are ignored).",
    );
  let key: Uint8Array;
  try {
    key = base32nopad.decode(canonical);
  } catch {
    throw new SecretError(
      `The secret's length (${canonical.length} characters) is not a whole base32 key: check that it was copied completely.`,
    );
  }
  if (key.length < TOTP.minSecretBytes)
    throw new SecretError(
      `The secret is ${key.length * 8} bits; RFC 4226 asks for at least ${TOTP.minSecretBytes * 8} (${Math.ceil((TOTP.minSecretBytes * 8) / 5)} base32 characters).`,
    );
  return { base32: canonical, key };
}

const REQUIRED: Record<string, string> = {
  algorithm: TOTP.algorithm,
  digits: String(TOTP.digits),
  period: String(TOTP.periodSeconds),
};

/** An `otpauth://totp/…` URI, checked against the parameters Auth0 uses. */
export function parseOtpauthUri(input: string): ParsedSecret {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new SecretError("This is not an otpauth:// URI.");
  }
  if (url.protocol !== "otpauth:") throw new SecretError("This is not an otpauth:// URI.");
  // WHATWG URL keeps a non-special scheme's "host": otpauth://totp/label has host "totp".
  const type = url.host.toLowerCase();
  if (type !== "totp")
    throw new SecretError(
      `The URI is for a ${type || "missing"} authenticator; only time-based (totp) codes are supported.`,
    );
  for (const [parameter, required] of Object.entries(REQUIRED)) {
    const value = url.searchParams.get(parameter);
    if (value !== null && value.toUpperCase() !== required)
      throw new SecretError(
        `The URI asks for ${parameter}=${value.slice(0, 12)}; Auth0's authenticators use ${parameter}=${required}, the only value supported.`,
      );
  }
  const secret = url.searchParams.get("secret");
  if (secret === null) throw new SecretError("The URI has no secret parameter.");
  const parsed = parseBase32Secret(secret);
  const label = decodeURIComponent(url.pathname.replace(/^\//, "")).trim();
  const issuer = url.searchParams.get("issuer")?.trim();
  return { ...parsed, ...(label ? { label } : {}), ...(issuer ? { issuer } : {}) };
}

/** Either form: a URI when it starts with otpauth:, else a bare key. */
export const parseAuthenticatorSecret = (input: string): ParsedSecret =>
  /^\s*otpauth:/i.test(input) ? parseOtpauthUri(input) : parseBase32Secret(input);

/** A fresh 160-bit secret, as RFC 4226 recommends, in canonical base32. */
export const newAuthenticatorSecret = (): string =>
  base32nopad.encode(randomBytes(TOTP.newSecretBytes));
