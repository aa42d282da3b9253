import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { findSecrets, secretValuesFromDotenv } from "./secret-scan.js";

const kinds = (text: string, options?: Parameters<typeof findSecrets>[1]) =>
  findSecrets(text, options).map((finding) => finding.kind);

describe("findSecrets", () => {
  it("finds a known secret wherever it is, and says where", () => {
    const secret = randomBytes(24).toString("base64url");
    const text = `const a="x";fetch(u,{headers:{authorization:"Bearer "+"${secret}"}})`;
    const findings = findSecrets(text, { knownSecrets: [secret] });
    expect(findings.some((f) => f.kind === "a known secret value")).toBe(true);
    const known = findings.find((f) => f.kind === "a known secret value");
    expect(text.slice(known?.offset, (known?.offset ?? 0) + (known?.length ?? 0))).toBe(secret);
  });

  it("finds the secret's name, key blocks, service-account keys, JWTs and bearer values", () => {
    expect(kinds('env.OTP_WEBHOOK_SECRET||""')).toEqual(["the name OTP_WEBHOOK_SECRET"]);
    expect(kinds('{"OTP_WEBHOOK_SECRET":1}')).toEqual(["the name OTP_WEBHOOK_SECRET"]);
    // Prose that tells the reader which setting to check is not a leak.
    expect(kinds('"wrong webhook secret — check OTP_WEBHOOK_SECRET in the Auth0 Action"')).toEqual(
      [],
    );
    expect(kinds('"-----BEGIN PRIVATE KEY-----\\nMIIE"')).toContain("a private key block");
    expect(kinds('"-----BEGIN RSA PRIVATE KEY-----"')).toContain("a private key block");
    expect(kinds('{"type":"service_account","private_key":"x"}')).toContain(
      "a service-account private_key field",
    );
    expect(kinds('t="eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJl"')).toContain(
      "a JSON Web Token",
    );
    expect(kinds('h="Bearer abcdefghij0123456789xyz"')).toContain("an Authorization header value");
  });

  it("finds long random base64, base64url and hex tokens", () => {
    for (const token of [
      "l7Jw2HXj1SabQaNCr/XqfzNtV3DGL87ur49osk6gkfo=",
      "pMDn08Kgde1Qf8CbrTObbX4cncy701Gs",
      "c8M8AmWADDBdFOOzzBHWyPW54c-bdqanFnfUMcSh7zt5CvQEyPDZySKjtdhp5Nmf",
      "e3cdadd6c9fd296e070324d6078dd66d592c62dc879914fc68e5c9b094f922da",
    ]) {
      expect(kinds(`x="${token}"`)).toContain("a long random-looking token");
    }
    expect(kinds('s="q7Vd9XkLz2Rm4TpWb8YcN1sHf6JgUe3A"')).toContain("a long random-looking token");
    expect(kinds('s="9f86d081884c7d659a2feaa0c55ad015"')).toContain("a long random-looking token");
  });

  it("lets the Firebase web API key, alphabets, paths and short strings pass", () => {
    expect(kinds('apiKey:"AIzaSyDq7Vd9XkLz2Rm4TpWb8YcN1sHf6JgUe3A"')).toEqual([]);
    expect(kinds('"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="')).toEqual(
      [],
    );
    expect(kinds('"/assets/index-B3x9qLmZ/chunk/vendor/firebase/auth"')).toEqual([]);
    expect(kinds('"q7Vd9XkLz2Rm4TpWb8Yc"')).toEqual([]);
    expect(kinds('"some_long_identifier_name_with_words_only"')).toEqual([]);
    expect(kinds('"0123456789012345678901234567890123"')).toEqual([]);
  });

  it("skips tokens the caller knows to be public", () => {
    const token = "q7Vd9XkLz2Rm4TpWb8YcN1sHf6JgUe3A";
    expect(kinds(`s="${token}"`, { isPublic: (t) => t === token })).toEqual([]);
  });

  it("ignores known secrets too short to search for", () => {
    expect(kinds("abc", { knownSecrets: ["abc", ""] })).toEqual([]);
  });
});

describe("secretValuesFromDotenv", () => {
  it("reads every value, unquoted, split at commas for rotations", () => {
    expect(
      secretValuesFromDotenv(
        'OTP_WEBHOOK_SECRET="new-secret-value,old-secret-value"\n# comment\nOTHER=plain\nEMPTY=\n',
      ),
    ).toEqual(["new-secret-value", "old-secret-value", "plain"]);
  });
});
