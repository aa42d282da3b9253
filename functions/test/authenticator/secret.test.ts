// The forms people paste: Auth0's "trouble scanning?" key (any case, grouped,
// padded or not) and the QR's otpauth URI; anything Auth0 would not accept is
// refused with a message that never repeats the secret.
import { base32nopad } from "@scure/base";
import { describe, expect, it } from "vitest";
import {
  newAuthenticatorSecret,
  parseAuthenticatorSecret,
  parseBase32Secret,
  parseOtpauthUri,
  SecretError,
} from "../../src/authenticator/secret.js";

// RFC 6238's key "12345678901234567890" in base32.
const RFC_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

describe("a base32 key", () => {
  it.each([
    ["as Auth0 shows it", RFC_BASE32],
    ["lower case", RFC_BASE32.toLowerCase()],
    ["in groups of four", RFC_BASE32.replace(/(.{4})/g, "$1 ").trim()],
    ["with dashes and a newline", `${RFC_BASE32.slice(0, 16)}-\n${RFC_BASE32.slice(16)}`],
  ])("is read %s", (_, input) => {
    const parsed = parseBase32Secret(input);
    expect(parsed.base32).toBe(RFC_BASE32);
    expect(new TextDecoder().decode(parsed.key)).toBe("12345678901234567890");
  });

  it("is read with and without = padding", () => {
    // 19 bytes ("1234567890123456789") need one '=' in RFC 4648.
    const padded = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOI=";
    const unpadded = padded.replace(/=+$/, "");
    expect(parseBase32Secret(padded).base32).toBe(unpadded);
    expect(new TextDecoder().decode(parseBase32Secret(unpadded).key)).toBe("1234567890123456789");
  });

  it.each([
    ["", /empty/],
    ["GEZDGNBVGY3TQOJQ0EZDGNBVGY3TQOJQ", /not base32.*A–Z.*2–7/],
    ["GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQG", /length \(33 characters\).*copied completely/],
    ["GEZDGNBVGY3TQOJQ", /80 bits; RFC 4226 asks for at least 128/],
  ])("refuses %j with a clear message", (input, message) => {
    expect(() => parseBase32Secret(input)).toThrow(SecretError);
    expect(() => parseBase32Secret(input)).toThrow(message);
  });

  it("never repeats the secret in a refusal", () => {
    const almost = `${RFC_BASE32}1`;
    try {
      parseBase32Secret(almost);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain(RFC_BASE32.slice(0, 8));
    }
  });
});

describe("an otpauth URI", () => {
  const auth0Uri = `otpauth://totp/demo-tenant:alice%40example.com?secret=${RFC_BASE32}&issuer=demo-tenant&algorithm=SHA1&digits=6&period=30`;

  it("as in Auth0's enrolment QR gives the key, label and issuer", () => {
    expect(parseOtpauthUri(auth0Uri)).toMatchObject({
      base32: RFC_BASE32,
      label: "demo-tenant:alice@example.com",
      issuer: "demo-tenant",
    });
  });

  it("without the optional parameters uses RFC 6238's defaults", () => {
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${RFC_BASE32.toLowerCase()}`).base32).toBe(
      RFC_BASE32,
    );
  });

  it.each([
    [`otpauth://totp/x?secret=${RFC_BASE32}&algorithm=SHA256`, /algorithm=SHA256.*algorithm=SHA1/],
    [`otpauth://totp/x?secret=${RFC_BASE32}&digits=8`, /digits=8.*digits=6/],
    [`otpauth://totp/x?secret=${RFC_BASE32}&period=60`, /period=60.*period=30/],
    [`otpauth://hotp/x?secret=${RFC_BASE32}&counter=1`, /hotp authenticator; only time-based/],
    ["otpauth://totp/x?issuer=demo", /no secret parameter/],
    ["https://example.com/?secret=X", /not an otpauth/],
  ])("refuses %s with a clear message", (uri, message) => {
    expect(() => parseOtpauthUri(uri)).toThrow(message);
  });

  it("is told from a bare key by its scheme", () => {
    expect(parseAuthenticatorSecret(auth0Uri).issuer).toBe("demo-tenant");
    expect(parseAuthenticatorSecret(RFC_BASE32).issuer).toBeUndefined();
  });
});

describe("a new secret", () => {
  it("is 160 random bits in canonical base32, different every time", () => {
    const secrets = new Set(Array.from({ length: 50 }, newAuthenticatorSecret));
    expect(secrets.size).toBe(50);
    for (const secret of secrets) {
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(base32nopad.decode(secret)).toHaveLength(20);
      expect(parseBase32Secret(secret).base32).toBe(secret);
    }
  });
});
