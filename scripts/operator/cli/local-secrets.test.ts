import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ensureLocalReadToken,
  ensureLocalWebhookSecret,
  readDotenvValue,
  readLocalWebhookSecret,
  readSecretFromDotenv,
} from "./local-secrets.js";

describe("ensureLocalWebhookSecret", () => {
  it("creates a random secret once, private to the user, and keeps it", () => {
    const path = join(mkdtempSync(join(tmpdir(), "secret-")), ".secret.local");
    const first = ensureLocalWebhookSecret(path);
    expect(first.created).toBe(true);
    expect(first.secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(statSync(path).mode & 0o077).toBe(0);
    expect(ensureLocalWebhookSecret(path)).toEqual({ secret: first.secret, created: false });
  });

  it("adds the secret to an existing file without losing its other lines", () => {
    const path = join(mkdtempSync(join(tmpdir(), "secret-")), ".secret.local");
    writeFileSync(path, "OTHER=1");
    const { secret } = ensureLocalWebhookSecret(path);
    expect(readFileSync(path, "utf8")).toBe(`OTHER=1\nOTP_WEBHOOK_SECRET=${secret}\n`);
  });
});

describe("readSecretFromDotenv", () => {
  it("reads plain and quoted values and ignores empty ones", () => {
    expect(readSecretFromDotenv("A=1\nOTP_WEBHOOK_SECRET=abc\n")).toBe("abc");
    expect(readSecretFromDotenv('OTP_WEBHOOK_SECRET="a b"')).toBe("a b");
    expect(readSecretFromDotenv("OTP_WEBHOOK_SECRET=")).toBeUndefined();
  });
});

describe("ensureLocalReadToken", () => {
  it("adds a read token beside the webhook secret, different from it, and keeps both", () => {
    const path = join(mkdtempSync(join(tmpdir(), "secret-")), ".secret.local");
    const webhook = ensureLocalWebhookSecret(path);
    const read = ensureLocalReadToken(path);
    expect(read.created).toBe(true);
    expect(read.secret).not.toBe(webhook.secret);
    const text = readFileSync(path, "utf8");
    expect(readDotenvValue(text, "OTP_WEBHOOK_SECRET")).toBe(webhook.secret);
    expect(readDotenvValue(text, "OTP_READ_TOKEN")).toBe(read.secret);
    expect(ensureLocalReadToken(path)).toEqual({ secret: read.secret, created: false });
  });

  it("reads values that contain '=' and does not mistake a longer key for its own", () => {
    expect(readDotenvValue("OTP_READ_TOKEN_OLD=x\nOTP_READ_TOKEN=a=b", "OTP_READ_TOKEN")).toBe(
      "a=b",
    );
  });
});

describe("readLocalWebhookSecret", () => {
  it("gives the first secret of a rotation, and nothing for a missing file", () => {
    const dir = mkdtempSync(join(tmpdir(), "secret-"));
    writeFileSync(join(dir, ".secret.local"), "OTP_WEBHOOK_SECRET=new-one, old-one\n");
    expect(readLocalWebhookSecret(join(dir, ".secret.local"))).toBe("new-one");
    expect(readLocalWebhookSecret(join(dir, "absent"))).toBeUndefined();
  });
});
