// send-code posts what the Action posts: same body, headers and verdicts.
import { once } from "node:events";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  emailWebhookPayloadSchema,
  otpWebhookPayloadSchema,
} from "functions/contract/webhook-payload";
import { extractEmail } from "functions/email/extract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCaptured } from "../cli/run-command-for-test.js";
import { sendCodeCommand } from "./send-code.js";

const USERS_FILE = join(mkdtempSync(join(tmpdir(), "send-code-test-")), "demo-users.json");
writeFileSync(
  USERS_FILE,
  JSON.stringify({
    "owner@atko.email": "+61400000001",
    "admin@atko.email": "+61400000002",
    "member@atko.email": "+61400000003",
    "viewer@atko.email": "+61400000003",
  }),
);

const SECRET = "send-code-test-secret-123456";
const seen: { headers: IncomingHttpHeaders; body: unknown }[] = [];
const ids = new Map<string, string>();
const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  seen.push({ headers: req.headers, body });
  if (req.headers.authorization !== `Bearer ${SECRET}`) {
    res
      .writeHead(401, { "content-type": "application/json" })
      .end('{"error":{"code":"unauthorized","message":"no"}}');
    return;
  }
  // Like the webhook: a repeated Idempotency-Key gets 200 and the first id.
  const key = String(req.headers["idempotency-key"]);
  const known = ids.get(key);
  if (!known) ids.set(key, `doc-${ids.size + 1}`);
  res
    .writeHead(known ? 200 : 201, { "content-type": "application/json" })
    .end(JSON.stringify({ id: ids.get(key) }));
});
let url = "";

beforeAll(async () => {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/otp`;
});
afterAll(() => void server.close());

describe("send-code", () => {
  it("posts a notification the webhook accepts, and a retry gets the same id", async () => {
    seen.length = 0;
    const run = await runCaptured(
      sendCodeCommand,
      [
        ...["--url", url, "--to", "+61400000002", "--code", "246810", "--repeat"],
        ...["--users-file", USERS_FILE],
      ],
      { OTP_WEBHOOK_SECRET: SECRET },
    );
    expect(run.code).toBe(0);
    expect(run.out).toContain("✔ attempt 1: HTTP 201, stored as doc-1");
    expect(run.out).toContain("✔ attempt 2: HTTP 200, already stored (same key) as doc-1");
    expect(seen).toHaveLength(2);
    expect(seen[0]?.headers["idempotency-key"]).toBe(seen[1]?.headers["idempotency-key"]);
    // The payload names the number's demo user, not always the same one.
    expect(otpWebhookPayloadSchema.parse(seen[0]?.body)).toMatchObject({
      recipient: "+61400000002",
      code: "246810",
      messageType: "otp_verify",
      deliveryMethod: "text",
      user: { email: "admin@atko.email" },
    });
  });

  const userSent = async (...args: string[]) => {
    seen.length = 0;
    const run = await runCaptured(sendCodeCommand, ["--url", url, ...args], {
      OTP_WEBHOOK_SECRET: SECRET,
    });
    expect(run.code, run.text).toBe(0);
    const body = otpWebhookPayloadSchema.parse(seen[0]?.body);
    return { user: body.user, said: run.out.find((line) => line.startsWith("User: ")) };
  };

  it("names the number's one demo user by default, --email's user, or with --no-user nobody", async () => {
    const file = ["--users-file", USERS_FILE];
    expect(await userSent(...file, "--to", "+61400000001")).toMatchObject({
      user: { email: "owner@atko.email" },
      said: "User: owner@atko.email",
    });
    expect((await userSent(...file, "--email", "viewer@atko.email")).user?.email).toBe(
      "viewer@atko.email",
    );
    expect(await userSent(...file, "--to", "+61400000001", "--no-user")).toEqual({
      user: undefined,
      said: "User: no user in the payload (--no-user)",
    });
  });

  it("names nobody on a shared number or one outside the file, and says why", async () => {
    const file = ["--users-file", USERS_FILE];
    expect(await userSent(...file, "--to", "+61400000003")).toEqual({
      user: undefined,
      said: "User: no user in the payload: +61400000003 is shared by member@atko.email, viewer@atko.email (pick one with --email)",
    });
    expect(await userSent(...file, "--to", "+61400000099")).toEqual({
      user: undefined,
      said: "User: no user in the payload: +61400000099 is not in the demo users file",
    });
  });

  it("sends notices without a code, and voice", async () => {
    seen.length = 0;
    const run = await runCaptured(
      sendCodeCommand,
      ["--url", url, "--type", "blocked_account", "--voice"],
      {
        OTP_WEBHOOK_SECRET: SECRET,
      },
    );
    expect(run.code).toBe(0);
    expect(seen[0]?.body).toMatchObject({
      messageType: "blocked_account",
      deliveryMethod: "voice",
    });
    expect(seen[0]?.body).not.toHaveProperty("code");
  });

  it("reports what the Action would do with a refusal", async () => {
    const run = await runCaptured(sendCodeCommand, ["--url", url], {
      OTP_WEBHOOK_SECRET: "wrong-secret-of-some-length",
    });
    expect(run.code).toBe(1);
    expect(run.err).toEqual([
      expect.stringMatching(/OTP_WEBHOOK_SECRET differs.*\(Auth0 would drop it\)$/),
    ]);
  });

  it("checks its arguments", async () => {
    const env = { OTP_WEBHOOK_SECRET: SECRET };
    expect(
      (await runCaptured(sendCodeCommand, ["--url", url, "--to", "0400"], env)).err[0],
    ).toMatch(/E\.164/);
    expect(
      (await runCaptured(sendCodeCommand, ["--url", url, "--code", "12"], env)).err[0],
    ).toMatch(/4 to 10 digits/);
    expect((await runCaptured(sendCodeCommand, ["--url", url, "--type", "x"], env)).err[0]).toMatch(
      /one of otp_verify/,
    );
    expect((await runCaptured(sendCodeCommand, ["--url", url], {})).err[0]).toMatch(
      /Set OTP_WEBHOOK_SECRET/,
    );
    expect(
      (await runCaptured(sendCodeCommand, ["--url", url, "--email", "a@b.co", "--no-user"], env))
        .err[0],
    ).toMatch(/pass one of them/);
  });

  it("posts an email as the email Action would, any type, and a retry gets the same id", async () => {
    seen.length = 0;
    const run = await runCaptured(
      sendCodeCommand,
      [
        ...["--url", url, "--email-to", "Alice@Example.com", "--email-type", "verify_email"],
        ...["--link", "https://demo.eu.auth0.com/u/email-verification?ticket=T1", "--repeat"],
      ],
      { OTP_WEBHOOK_SECRET: SECRET },
    );
    expect(run.code, run.text).toBe(0);
    expect(run.out[0]).toBe(
      `Posting verify_email (email) for Alice@Example.com with link https://demo.eu.auth0.com/u/email-verification?ticket=T1 to ${url}`,
    );
    expect(run.out).toContainEqual(
      expect.stringMatching(/^✔ attempt 2: HTTP 200, already stored \(same key\) as doc-\d+$/),
    );
    expect(seen[0]?.headers["idempotency-key"]).toBe(seen[1]?.headers["idempotency-key"]);
    const body = emailWebhookPayloadSchema.parse(seen[0]?.body);
    expect(body).toMatchObject({
      channel: "email",
      to: "alice@example.com",
      messageType: "verify_email",
      user: { email: "Alice@Example.com" },
    });
    const found = extractEmail({ html: body.html, message_type: body.messageType });
    expect(found.ok && found.value.mainLink?.url).toBe(
      "https://demo.eu.auth0.com/u/email-verification?ticket=T1",
    );
  });

  it("posts a code email with --code, naming --email's user or, with --no-user, nobody", async () => {
    seen.length = 0;
    const env = { OTP_WEBHOOK_SECRET: SECRET };
    const args = ["--url", url, "--email-to", "mfa@example.com", "--code", "8642"];
    expect(
      (await runCaptured(sendCodeCommand, [...args, "--email", "bob@example.com"], env)).code,
    ).toBe(0);
    expect((await runCaptured(sendCodeCommand, [...args, "--no-user"], env)).code).toBe(0);
    const [named, nobody] = seen.map((request) => emailWebhookPayloadSchema.parse(request.body));
    expect(named).toMatchObject({
      messageType: "mfa_oob_code",
      user: { email: "bob@example.com" },
    });
    expect(nobody?.user).toBeUndefined();
    const found = extractEmail({ html: named?.html, message_type: named?.messageType });
    expect(found.ok && found.value.code).toBe("8642");
  });

  it("checks an email's arguments, and keeps the phone and email options apart", async () => {
    const env = { OTP_WEBHOOK_SECRET: SECRET };
    const refused = async (...args: string[]) =>
      (await runCaptured(sendCodeCommand, ["--url", url, ...args], env)).err[0];
    expect(await refused("--email-to", "not-an-address")).toMatch(/not an email address/);
    expect(await refused("--email-to", "a@b.co", "--email-type", "has space")).toMatch(
      /must be a message type/,
    );
    expect(await refused("--email-to", "a@b.co", "--link", "javascript:alert(1)")).toMatch(
      /http\(s\) URL/,
    );
    expect(await refused("--email-to", "a@b.co", "--to", "+61400000001")).toMatch(
      /--to, --type and --voice describe a phone code/,
    );
    expect(await refused("--email-to", "a@b.co", "--voice")).toMatch(/describe a phone code/);
    expect(await refused("--email-type", "verify_email")).toMatch(/add --email-to/);
    expect(await refused("--link", "https://x.example/")).toMatch(/add --email-to/);
  });
});
