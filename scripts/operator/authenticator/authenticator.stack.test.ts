// `npm run authenticator` against the local stack's Firestore: what it
// stores, what it prints (never the secret), and that bad input stores nothing.
import { adminDb, clearFirestore } from "@sms-inbox/local-stack/stack-test-helpers";
import { AUTHENTICATOR_COLLECTIONS } from "functions/contract/authenticator";
import { beforeEach, describe, expect, it } from "vitest";
import { EXIT } from "../cli/exit-codes.js";
import { authenticatorMain } from "./cli.js";

const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const URI = `otpauth://totp/demo-tenant:alice%40example.com?secret=${SECRET.toLowerCase()}&issuer=demo-tenant&algorithm=SHA1&digits=6&period=30`;

async function run(argv: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await authenticatorMain(
    argv,
    {
      env: { ...process.env, ...options.env },
      output: { out: (l) => out.push(l), err: (l) => err.push(l) },
    },
    async () => options.stdin ?? "",
  );
  const text = [...out, ...err].join("\n");
  // Whatever happened, the secret was not printed, in any case or form.
  expect(text.toUpperCase()).not.toContain(SECRET);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const stored = async (key: string) => {
  const [meta, secret] = await Promise.all([
    adminDb().collection(AUTHENTICATOR_COLLECTIONS.authenticators).doc(key).get(),
    adminDb().collection(AUTHENTICATOR_COLLECTIONS.secrets).doc(key).get(),
  ]);
  return { meta: meta.data(), secret: secret.data() };
};

const nothingStored = async () => {
  const [metas, secrets] = await Promise.all([
    adminDb().collection(AUTHENTICATOR_COLLECTIONS.authenticators).get(),
    adminDb().collection(AUTHENTICATOR_COLLECTIONS.secrets).get(),
  ]);
  expect(metas.size + secrets.size).toBe(0);
};

describe("npm run authenticator", () => {
  beforeEach(() => clearFirestore());

  it("adds from stdin, lists without the secret, refuses a second add, replaces and removes", async () => {
    const added = await run(["add", "Alice@Example.com", "--stdin"], { stdin: `${URI}\n` });
    expect(added.code).toBe(EXIT.ok);
    expect(added.out).toMatch(
      /Added: an authenticator for alice@example\.com \(user:alice@example\.com\)/,
    );
    expect(added.out).toMatch(/issuer demo-tenant, label demo-tenant:alice@example\.com/);
    const { meta, secret } = await stored("user:alice@example.com");
    expect(meta).toMatchObject({
      label: "alice@example.com",
      email: "alice@example.com",
      source: "added",
      name: "demo-tenant:alice@example.com",
    });
    expect(meta).not.toHaveProperty("secret");
    expect(secret).toMatchObject({ secret: SECRET });

    const listed = await run(["list"]);
    expect(listed.code).toBe(EXIT.ok);
    expect(listed.out).toMatch(
      /alice@example\.com {2}added {2}"demo-tenant:alice@example\.com" {2}since /,
    );

    const again = await run(["add", "alice@example.com", "--env", "TOTP"], {
      env: { TOTP: SECRET },
    });
    expect(again.code).toBe(EXIT.failed);
    expect(again.err).toMatch(/already has an authenticator .*--replace/);

    const replaced = await run(["add", "alice@example.com", "--env", "TOTP", "--replace"], {
      env: { TOTP: "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ" },
    });
    expect(replaced.code).toBe(EXIT.ok);
    expect(replaced.out).toMatch(/Replaced:/);
    expect((await stored("user:alice@example.com")).secret).toMatchObject({
      secret: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
    });
    expect((await stored("user:alice@example.com")).meta).toMatchObject({ name: "added by hand" });

    const removed = await run(["remove", "ALICE@example.com"]);
    expect(removed.code).toBe(EXIT.ok);
    expect(removed.out).toMatch(/Removed: the authenticator of alice@example\.com/);
    await nothingStored();
    expect((await run(["remove", "alice@example.com"])).out).toMatch(/nothing to remove/);
  });

  it.each<[string, string[], { stdin?: string; env?: NodeJS.ProcessEnv }, RegExp]>([
    ["a short key", ["add", "alice@example.com", "--stdin"], { stdin: "JBSWY3DP" }, /at least 128/],
    [
      "not base32",
      ["add", "alice@example.com", "--stdin"],
      { stdin: `${SECRET.slice(0, 31)}1` },
      /not base32/,
    ],
    [
      "an HOTP URI",
      ["add", "alice@example.com", "--stdin"],
      { stdin: URI.replace("totp", "hotp") },
      /only time-based/,
    ],
    [
      "8 digits",
      ["add", "alice@example.com", "--stdin"],
      { stdin: URI.replace("digits=6", "digits=8") },
      /digits=6/,
    ],
    ["empty stdin", ["add", "alice@example.com", "--stdin"], { stdin: "" }, /empty/],
    [
      "an unset variable",
      ["add", "alice@example.com", "--env", "NO_SUCH_TOTP_VARIABLE"],
      {},
      /NO_SUCH_TOTP_VARIABLE is not set/,
    ],
    ["no secret", ["add", "alice@example.com"], {}, /needs the secret/],
  ])("refuses %s with exit 64 and stores nothing", async (_what, argv, options, message) => {
    const result = await run(argv, options);
    expect(result.code).toBe(EXIT.usage);
    expect(result.err).toMatch(message);
    await nothingStored();
  });
});
