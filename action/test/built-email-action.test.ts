// The built email Action (action/dist/custom-email-provider.js, loaded as Auth0
// loads it) against a stand-in webhook that validates with the real contract
// and misbehaves as a real one can: every message type arrives whole, retries
// keep their Idempotency-Key, and nothing of an email reaches the logs.
import { LIMITS } from "functions/contract/notification";
import { emailWebhookPayloadSchema } from "functions/contract/webhook-payload";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  SAMPLE_EMAIL_MESSAGE_TYPES,
  type SampleEmail,
  type SampleEmailEventOptions,
  sampleEmail,
} from "../src/email-sample-event.js";
import { type BuiltEmailAction, loadBuiltEmailAction, recordingApi } from "./built-action.js";
import { closedPortUrl, type FakeWebhook, startFakeWebhook } from "./fake-webhook.js";

const SECRET = "local-email-secret-7d41b0";
const TO = "Dana.Tester@atko.email";

let action: BuiltEmailAction;
let webhook: FakeWebhook;

beforeAll(async () => {
  action = await loadBuiltEmailAction();
  webhook = await startFakeWebhook((body) => {
    const parsed = emailWebhookPayloadSchema.safeParse(body);
    return parsed.success ? undefined : JSON.stringify(parsed.error.issues).slice(0, 300);
  });
});
afterAll(() => webhook.close());

let logged: string[] = [];
/** Whatever the test sends: none of it (but the masked address) may reach a log. */
let sent: SampleEmail[] = [];

beforeEach(() => {
  webhook.reset();
  logged = [];
  sent = [];
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation(
      (...args: unknown[]) => void logged.push(args.join(" ")),
    );
  }
});

/** Parts of an email that must never appear in a log line or a reason. */
function privateParts(email: SampleEmail): string[] {
  const n = email.event.notification;
  return [
    SECRET,
    n.to,
    n.to.toLowerCase(),
    n.subject ?? "",
    n.html,
    n.text ?? "",
    // A distinctive piece of the HTML, in case a log cut it short.
    n.html.slice(0, 40),
    ...(email.code ? [email.code] : []),
    ...(email.link ? [email.link, email.link.replaceAll("&amp;", "&")] : []),
  ].filter((part) => part.length >= 4);
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const email of sent) {
    for (const part of privateParts(email)) {
      for (const line of logged) expect(line).not.toContain(part);
    }
  }
});

function email(options: SampleEmailEventOptions = {}, url = webhook.url): SampleEmail {
  const made = sampleEmail({
    to: TO,
    correlationId: "txn-email-1",
    ...options,
    secrets: { OTP_WEBHOOK_URL: url, OTP_WEBHOOK_SECRET: SECRET, ...options.secrets },
  });
  sent.push(made);
  return made;
}

/** One execution, as Auth0 runs it (a retry is another run with the same event). */
async function run(made: SampleEmail) {
  const api = recordingApi();
  await action.onExecuteCustomEmailProvider(structuredClone(made.event), api);
  for (const reason of [...api.drops, ...api.retries]) {
    for (const part of privateParts(made)) expect(reason).not.toContain(part);
  }
  return api;
}

describe("the built email Action", () => {
  it.each(SAMPLE_EMAIL_MESSAGE_TYPES)(
    "forwards a %s email whole, as the webhook's contract describes",
    async (messageType) => {
      const made = email({ messageType, userEmail: "dana@atko.email", userName: "Dana" });
      const api = await run(made);
      expect([...api.drops, ...api.retries]).toEqual([]);
      expect(webhook.received).toHaveLength(1);
      const [request] = webhook.received;
      expect(request?.headers.authorization).toBe(`Bearer ${SECRET}`);
      expect(request?.headers["content-type"]).toBe("application/json");
      expect(request?.headers["idempotency-key"]).toMatch(/^auth0-cep-[0-9a-f]{64}$/);

      const parsed = emailWebhookPayloadSchema.safeParse(request?.body);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      const n = made.event.notification;
      expect(parsed.data).toEqual({
        channel: "email",
        to: TO.toLowerCase(),
        from: "no-reply@demo.example",
        subject: n.subject,
        html: n.html,
        text: n.text,
        locale: "en_US",
        messageType,
        user: { id: "auth0|demo-owner", email: "dana@atko.email", name: "Dana" },
        client: { id: "demo-client-id", name: "Demo app" },
        tenant: "demo-tenant",
      });
      // The code and the link reach the webhook inside the HTML, untouched.
      if (made.code) expect(parsed.data?.html).toContain(made.code);
      if (made.link) expect(parsed.data?.html).toContain(made.link);
      expect(logged).toEqual([
        `SMS inbox: delivered email ${messageType} for d•••@a•••.email, HTTP 201`,
      ]);
    },
  );

  it("accepts a message type nobody documented, with odd characters shaped to the contract", async () => {
    const made = email({ messageType: "passwordless link/v2" });
    const api = await run(made);
    expect(api.drops).toEqual([]);
    expect(webhook.received[0]?.body).toMatchObject({ messageType: "passwordless_link_v2" });
  });

  it("sends only the context it has: a passwordless sign-up without a user", async () => {
    const made = email({ messageType: "passwordless_email", noUser: true });
    const api = await run(made);
    expect(api.drops).toEqual([]);
    const body = webhook.received[0]?.body as Record<string, unknown>;
    expect(body).not.toHaveProperty("user");
    expect(emailWebhookPayloadSchema.safeParse(body).success).toBe(true);
  });

  it("asks Auth0 to retry on 5xx, a timeout, a dropped connection, keeping one Idempotency-Key", async () => {
    const made = email({
      messageType: "mfa_oob_code",
      secrets: { OTP_WEBHOOK_TIMEOUT_MS: "300" },
    });
    webhook.plan(
      { status: 500, code: "internal", message: "Something failed." },
      { status: 503, code: "unavailable", message: "Firestore is unavailable." },
      "hang",
      "close",
    );
    const attempts = [await run(made), await run(made), await run(made), await run(made)];
    expect(attempts.map((api) => api.drops)).toEqual([[], [], [], []]);
    expect(attempts.map((api) => api.retries)).toEqual([
      [expect.stringMatching(/webhook is unavailable \(HTTP 500 internal/)],
      [expect.stringMatching(/webhook is unavailable \(HTTP 503 unavailable/)],
      [expect.stringMatching(/did not answer within 300 ms; Auth0 will retry/)],
      [expect.stringMatching(/could not reach OTP_WEBHOOK_URL/)],
    ]);

    // Auth0's next retry finds the webhook back: delivered, under the same key.
    const last = await run(made);
    expect([...last.drops, ...last.retries]).toEqual([]);
    const keys = new Set(webhook.received.map((request) => request.headers["idempotency-key"]));
    expect(webhook.received).toHaveLength(5);
    expect(keys.size).toBe(1);
    expect(logged.at(-1)).toMatch(/delivered email mfa_oob_code for d•••@a•••\.email, HTTP 201/);
  });

  it("asks Auth0 to retry when nothing listens at the URL", async () => {
    const made = email({ messageType: "verify_email" }, await closedPortUrl());
    const api = await run(made);
    expect(api.drops).toEqual([]);
    expect(api.retries).toEqual([expect.stringMatching(/ECONNREFUSED/)]);
  });

  it("gives a resent email (a new code) its own key, so it is not taken for a retry", async () => {
    await run(email({ messageType: "verification_code", code: "402917" }));
    await run(email({ messageType: "verification_code", code: "583026" }));
    const [first, second] = webhook.received;
    expect(first?.headers["idempotency-key"]).not.toBe(second?.headers["idempotency-key"]);
  });

  it.each([
    [401, "unauthorized", /OTP_WEBHOOK_SECRET differs/],
    [403, "forbidden", /OTP_WEBHOOK_SECRET differs/],
    [404, "not_found", /no webhook at OTP_WEBHOOK_URL/],
    [400, "invalid_request", /rejected the notification/],
    [413, "too_large", /too large/],
  ])("drops on %i for good, naming the fix", async (status, code, reason) => {
    webhook.plan({ status, code, message: "Refused." });
    const api = await run(email({ messageType: "reset_email" }));
    expect(api.retries).toEqual([]);
    expect(api.drops).toEqual([expect.stringMatching(reason)]);
    expect(logged).toEqual([
      expect.stringMatching(/^SMS inbox: dropped email reset_email for d•••@a•••\.email: /),
    ]);
  });

  it("drops an email too large for the webhook without sending it or logging its content", async () => {
    const made = email({ messageType: "welcome_email" });
    const n = made.event.notification;
    // Auth0's rendered HTML with an inline image: well beyond what the webhook takes.
    n.html = n.html.replace(
      "</body>",
      `<img src="data:image/png;base64,${"iVBORw0KGgo".repeat(30_000)}"></body>`,
    );
    const api = await run(made);
    expect(webhook.received).toEqual([]);
    expect(api.retries).toEqual([]);
    expect(api.drops).toEqual([
      expect.stringMatching(
        /^the welcome_email email's HTML is \d+ KiB, above the inbox's 256 KiB: shorten its template in Auth0$/,
      ),
    ]);
  });

  it("sends the HTML without its text part when only both together are too large", async () => {
    const made = email({ messageType: "verify_email_by_code", code: "620184" });
    const n = made.event.notification;
    const filler = "x".repeat(LIMITS.maxEmailBodyBytes / 2);
    n.html = n.html.replace("</body>", `<!-- ${filler} --></body>`);
    n.text = `${n.text} ${filler}`;
    const api = await run(made);
    // The HTML holds the code and links: it goes, without the text that did not fit.
    expect([...api.drops, ...api.retries]).toEqual([]);
    const [request] = webhook.received;
    expect(Buffer.byteLength(request?.raw ?? "")).toBeLessThanOrEqual(LIMITS.maxEmailBodyBytes);
    expect(request?.body).not.toHaveProperty("text");
    expect(request?.raw).toContain("620184");
  });

  it("drops HTML within its own limit that JSON escaping takes past the body limit", async () => {
    const made = email({ messageType: "reset_email" });
    const n = made.event.notification;
    // 216 kB of empty attributes: each quote is two bytes in JSON (\"), 288 kB in all.
    n.html = n.html.replace("</body>", `${'<b x="" y="" z="">'.repeat(12_000)}</body>`);
    n.text = "";
    const api = await run(made);
    expect(api.retries).toEqual([]);
    expect(api.drops).toEqual([
      expect.stringMatching(
        /^the reset_email email is too large for the inbox \(\d+ KiB as JSON, at most 256 KiB\): shorten its template in Auth0$/,
      ),
    ]);
    expect(webhook.received).toEqual([]);
  });

  it("drops with the fix, without a request, when the secrets are missing", async () => {
    const made = email({ messageType: "verify_email" });
    made.event.secrets = {};
    const api = await run(made);
    expect(api.drops).toEqual([
      expect.stringMatching(/Action secrets OTP_WEBHOOK_URL and OTP_WEBHOOK_SECRET are missing/),
    ]);
    expect(webhook.received).toEqual([]);
  });

  it("drops an email it cannot file, without a request", async () => {
    const noAddress = email({ messageType: "verify_email" });
    noAddress.event.notification.to = "not an address";
    const noHtml = email({ messageType: "mfa_oob_code" });
    noHtml.event.notification.html = "  ";
    expect((await run(noAddress)).drops).toEqual([
      expect.stringMatching(/recipient \(notification\.to\) is not an email address/),
    ]);
    expect((await run(noHtml)).drops).toEqual([
      expect.stringMatching(/mfa_oob_code email has no HTML/),
    ]);
    expect(webhook.received).toEqual([]);
  });

  it("keeps the webhook's echo of the email out of reasons and logs", async () => {
    // A magic link holds the code too: it must vanish whole, not around the code.
    const made = email({ messageType: "passwordless_email", code: "771043" });
    made.event.notification.subject = "771043 is your code";
    const link = (made.link ?? "").replaceAll("&amp;", "&");
    expect(link).toContain("771043");
    webhook.plan({
      status: 422,
      code: "invalid_request",
      message: `html: cannot read 771043 for ${TO} in ${link}`,
    });
    const api = await run(made);
    expect(api.drops).toEqual([
      expect.stringContaining("cannot read [redacted] for [redacted] in [redacted])"),
    ]);
  });
});
