import { describe, expect, it } from "vitest";
import type {
  CodeFilter,
  CodeFinder,
  FoundCode,
  Instant,
} from "../../src/codes-api/code-finder.js";
import { type ApiRequest, createCodesApiHandler } from "../../src/codes-api/handler.js";
import { capturedResponse } from "../support/captured-response.js";

const TOKEN = "read-token-0123456789";
const NOW = Date.UTC(2026, 11, 1, 10);

const code = (id: string, receivedAt = NOW - 1_000, expireAt = NOW + 600_000): FoundCode => ({
  id,
  code: "424242",
  recipient: "+61400000001",
  label: "owner@atko.email",
  messageType: "otp_verify",
  deliveryMethod: "text",
  channel: "sms",
  receivedAt,
  expireAt,
});

const emailCode = (
  id: string,
  messageType: string,
  extra: Partial<FoundCode> = {},
  receivedAt = NOW - 500,
): FoundCode => ({
  ...code(id, receivedAt),
  code: "",
  recipient: "owner@atko.email",
  messageType,
  deliveryMethod: "email",
  channel: "email",
  email: {
    subject: "Verify your email",
    links: [{ url: "https://tenant.auth0.com/u/email-verification?ticket=t1#", text: "Verify" }],
    mainLink: { url: "https://tenant.auth0.com/u/email-verification?ticket=t1#", text: "Verify" },
    linksTruncated: false,
  },
  ...extra,
});

/** What Firestore's query would select: the channels and types a filter names. */
const selects = (filter: CodeFilter, found: FoundCode) =>
  filter.channels.includes(found.channel) &&
  (filter.types === "any" || filter.types.includes(found.messageType));

/** A finder whose listeners are fed by the test; a silent one imitates an unreachable Firestore. */
function fakeFinder(
  options: { stored?: FoundCode[]; silent?: boolean; cursors?: Record<string, Instant> } = {},
) {
  const listeners = new Set<(codes: FoundCode[]) => void>();
  const filters: CodeFilter[] = [];
  const finder: CodeFinder = {
    async receivedAtOf(id) {
      return options.cursors?.[id];
    },
    async newest(filter) {
      filters.push(filter);
      if (options.silent) return new Promise(() => {});
      return (options.stored ?? []).filter((found) => selects(filter, found));
    },
    watch(filter, onCodes) {
      filters.push(filter);
      const listener = (codes: FoundCode[]) =>
        onCodes(codes.filter((found) => selects(filter, found)));
      listeners.add(listener);
      if (!options.silent) queueMicrotask(() => listener(options.stored ?? []));
      return () => listeners.delete(listener);
    },
  };
  return {
    finder,
    filters,
    listeners,
    deliver: (codes: FoundCode[]) => {
      for (const l of [...listeners]) l(codes);
    },
  };
}

function call(
  handler: ReturnType<typeof createCodesApiHandler>,
  request: Partial<ApiRequest> & { qs?: string; token?: string | null },
) {
  const { captured, res } = capturedResponse();
  const token = request.token === undefined ? TOKEN : request.token;
  const done = handler(
    {
      method: request.method ?? "GET",
      path: request.path ?? "/api/codes/latest",
      query: new URLSearchParams(request.qs ?? "user=owner@atko.email"),
      header: (name) =>
        name === "authorization" && token !== null ? `Bearer ${token}` : undefined,
      signal: request.signal ?? new AbortController().signal,
    },
    res,
  );
  return { captured, done };
}

const make = (
  finder: CodeFinder,
  extra: { tokens?: string; max?: number; logs?: unknown[] } = {},
) =>
  createCodesApiHandler({
    tokens: () => extra.tokens ?? `${TOKEN},older-token-9876543210`,
    finder,
    // channel=authenticator has its own tests (handler-authenticator.test.ts).
    authenticators: { one: async () => undefined, all: async () => [] },
    log: (message, fields) => extra.logs?.push({ message, fields }),
    maxConcurrentWaits: () => extra.max ?? 3,
    deadlineMs: 200,
    now: () => NOW,
  });

describe("the codes API handler", () => {
  it("answers the newest live code at once without a wait", async () => {
    const { finder } = fakeFinder({ stored: [code("a")] });
    const { captured, done } = call(make(finder), {});
    await done;
    expect(captured.status).toBe(200);
    expect(captured.body).toMatchObject({
      id: "a",
      code: "424242",
      receivedAt: new Date(NOW - 1_000).toISOString(),
    });
    expect(captured.headers["Cache-Control"]).toBe("no-store");
  });

  it("answers 204 with Retry-After when there is nothing and no wait", async () => {
    const { finder } = fakeFinder({ stored: [code("expired", NOW - 700_000, NOW - 100_000)] });
    const { captured, done } = call(make(finder), {});
    await done;
    expect(captured.status).toBe(204);
    expect(captured.headers["Retry-After"]).toBe("1");
    expect(captured.body).toBeUndefined();
  });

  it("holds a wait until a code arrives and answers it, then stops listening", async () => {
    const fake = fakeFinder();
    const { captured, done } = call(make(fake.finder), { qs: "user=owner@atko.email&wait=5" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(captured.ended).toBe(false);
    fake.deliver([code("fresh")]);
    await done;
    expect(captured.status).toBe(200);
    expect(captured.body).toMatchObject({ id: "fresh" });
    expect(fake.listeners.size).toBe(0);
  });

  it("ends an empty wait with 204 and no listener left", async () => {
    const fake = fakeFinder();
    const { captured, done } = call(make(fake.finder), { qs: "user=owner@atko.email&wait=1" });
    await done;
    expect(captured.status).toBe(204);
    expect(fake.listeners.size).toBe(0);
  });

  it("stops listening when the caller hangs up, and answers nothing", async () => {
    const fake = fakeFinder();
    const hangUp = new AbortController();
    const { captured, done } = call(make(fake.finder), {
      qs: "user=a&wait=30",
      signal: hangUp.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    hangUp.abort();
    await done;
    expect(captured.ended).toBe(false);
    expect(fake.listeners.size).toBe(0);
  });

  it("answers 503 with Retry-After when Firestore does not answer, instead of a false 'nothing arrived'", async () => {
    const waiting = call(make(fakeFinder({ silent: true }).finder), { qs: "user=a&wait=1" });
    const lookup = call(make(fakeFinder({ silent: true }).finder), { qs: "user=a" });
    await Promise.all([waiting.done, lookup.done]);
    for (const { captured } of [waiting, lookup]) {
      expect(captured.status).toBe(503);
      expect(captured.headers["Retry-After"]).toBe("5");
      expect(captured.body).toMatchObject({ error: { code: "unavailable" } });
    }
  });

  it("refuses waits beyond the instance's bound with 503 busy, and takes new ones once they end", async () => {
    const fake = fakeFinder();
    const handler = make(fake.finder, { max: 2 });
    const held = [call(handler, { qs: "user=a&wait=30" }), call(handler, { qs: "user=b&wait=30" })];
    await new Promise((resolve) => setTimeout(resolve, 20));
    const third = call(handler, { qs: "user=c&wait=30" });
    await third.done;
    expect(third.captured.status).toBe(503);
    expect(third.captured.headers["Retry-After"]).toBe("2");
    expect(third.captured.body).toMatchObject({ error: { code: "busy" } });
    // A lookup without a wait holds nothing and is still answered.
    const lookup = call(handler, { qs: "user=c" });
    await lookup.done;
    expect(lookup.captured.status).toBe(204);
    fake.deliver([code("x")]);
    await Promise.all(held.map((h) => h.done));
    const again = call(handler, { qs: "user=c&wait=1" });
    fake.deliver([]);
    await again.done;
    expect(again.captured.status).toBe(204);
  });

  it("bounds the search by the later of since and the after code's time", async () => {
    const fake = fakeFinder({ cursors: { seen: { seconds: NOW / 1000, nanoseconds: 123 } } });
    await call(make(fake.finder), { qs: `user=a&after=seen&since=${NOW - 5_000}` }).done;
    expect(fake.filters[0]?.receivedAfter).toEqual({ seconds: NOW / 1000, nanoseconds: 123 });
    await call(make(fake.finder), { qs: `user=a&after=seen&since=${NOW + 5_000}` }).done;
    expect(fake.filters[1]?.receivedAfter).toEqual({ seconds: NOW / 1000 + 5, nanoseconds: 0 });
  });

  it("refuses an after id that names no code, naming the parameter", async () => {
    const { captured, done } = call(make(fakeFinder().finder), { qs: "user=a&after=k_gone" });
    await done;
    expect(captured.status).toBe(400);
    expect(captured.body).toMatchObject({
      error: { code: "invalid_parameter", message: expect.stringMatching(/^after: /) },
    });
  });

  it("accepts GET and HEAD only, answering 405 with Allow", async () => {
    for (const method of ["POST", "PUT", "DELETE", "OPTIONS"]) {
      const { captured, done } = call(make(fakeFinder().finder), { method });
      await done;
      expect(captured.status, method).toBe(405);
      expect(captured.headers.Allow).toBe("GET, HEAD");
    }
    const head = call(make(fakeFinder({ stored: [code("a")] }).finder), { method: "HEAD" });
    await head.done;
    expect(head.captured.status).toBe(200);
  });

  it("answers 404 on other paths of the function", async () => {
    const { captured, done } = call(make(fakeFinder().finder), { path: "/api/codes" });
    await done;
    expect(captured.status).toBe(404);
    for (const path of ["/", "/latest"]) {
      const ok = call(make(fakeFinder().finder), { path });
      await ok.done;
      expect(ok.captured.status, path).toBe(204);
    }
  });

  it("accepts every configured token and refuses a missing, wrong or other-scheme one", async () => {
    for (const token of [TOKEN, "older-token-9876543210"]) {
      const { captured, done } = call(make(fakeFinder().finder), { token });
      await done;
      expect(captured.status).toBe(204);
    }
    for (const token of [null, "wrong-token-0123456789", `${TOKEN}x`]) {
      const { captured, done } = call(make(fakeFinder().finder), { token });
      await done;
      expect(captured.status, String(token)).toBe(401);
      expect(captured.body).toMatchObject({ error: { code: "unauthorized" } });
    }
  });

  it("is off, and says so with 404, when no token of 16+ characters is configured", async () => {
    for (const tokens of ["", "off", "short,tiny"]) {
      const { captured, done } = call(make(fakeFinder().finder, { tokens }), { token: tokens });
      await done;
      expect(captured.status).toBe(404);
      expect(captured.body).toMatchObject({ error: { code: "api_off" } });
    }
  });

  it("without a channel, answers phone codes only: a newer email never answers an SMS login's wait", async () => {
    const sms = code("sms");
    const voice = {
      ...code("voice", NOW - 2_000),
      deliveryMethod: "voice" as const,
      channel: "voice" as const,
    };
    const email = { ...emailCode("email", "mfa_oob_code"), code: "777777" };
    const lookup = call(make(fakeFinder({ stored: [email, sms, voice] }).finder), {});
    await lookup.done;
    expect(lookup.captured.body).toMatchObject({ id: "sms", channel: "sms" });

    const fake = fakeFinder();
    const waiting = call(make(fake.finder), { qs: "user=owner@atko.email&wait=5" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    fake.deliver([email]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(waiting.captured.ended).toBe(false);
    fake.deliver([email, voice]);
    await waiting.done;
    expect(waiting.captured.body).toMatchObject({ id: "voice", channel: "voice", code: "424242" });
  });

  it("with a channel, answers that channel only", async () => {
    const stored = [
      emailCode("email", "verify_email"),
      code("sms"),
      {
        ...code("voice", NOW - 2_000),
        deliveryMethod: "voice" as const,
        channel: "voice" as const,
      },
    ];
    for (const [channel, id] of [
      ["sms", "sms"],
      ["voice", "voice"],
      ["email", "email"],
    ]) {
      const { captured, done } = call(make(fakeFinder({ stored }).finder), {
        qs: `user=owner@atko.email&channel=${channel}`,
      });
      await done;
      expect(captured.body, channel).toMatchObject({ id, channel });
    }
  });

  it("waits for a verification link: the email's subject, links and main link, past other emails", async () => {
    const fake = fakeFinder();
    const waiting = call(make(fake.finder), {
      qs: "user=owner@atko.email&channel=email&type=verify_email&wait=5",
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    fake.deliver([emailCode("welcome", "welcome_email", { email: undefined })]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(waiting.captured.ended).toBe(false);
    fake.deliver([emailCode("verify", "verify_email")]);
    await waiting.done;
    expect(waiting.captured.status).toBe(200);
    expect(waiting.captured.body).toEqual({
      id: "verify",
      code: "",
      recipient: "owner@atko.email",
      label: "owner@atko.email",
      messageType: "verify_email",
      deliveryMethod: "email",
      channel: "email",
      subject: "Verify your email",
      links: [{ url: "https://tenant.auth0.com/u/email-verification?ticket=t1#", text: "Verify" }],
      link: { url: "https://tenant.auth0.com/u/email-verification?ticket=t1#", text: "Verify" },
      receivedAt: new Date(NOW - 500).toISOString(),
      expireAt: new Date(NOW + 600_000).toISOString(),
    });
  });

  it("an email wait without a type takes the next email of any type, passwordless' too", async () => {
    const { finder, filters } = fakeFinder({
      stored: [{ ...emailCode("magic", "passwordless_link"), code: "" }],
    });
    const { captured, done } = call(make(finder), { qs: "user=owner@atko.email&channel=email" });
    await done;
    expect(captured.body).toMatchObject({ id: "magic", messageType: "passwordless_link" });
    expect(filters[0]).toMatchObject({ channels: ["email"], types: "any" });
  });

  it("refuses an unknown channel, naming it, before reading anything", async () => {
    const { finder, filters } = fakeFinder();
    const { captured, done } = call(make(finder), { qs: "user=a&channel=totp" });
    await done;
    expect(captured.status).toBe(400);
    expect(captured.body).toMatchObject({
      error: { code: "invalid_parameter", message: expect.stringMatching(/^channel: /) },
    });
    expect(filters).toHaveLength(0);
  });

  it("never logs the token, the code or who was asked for", async () => {
    const logs: unknown[] = [];
    const fake = fakeFinder({ stored: [code("a")] });
    await call(make(fake.finder, { logs }), { qs: "user=secret.person@example.com" }).done;
    await call(make(fake.finder, { logs }), { token: "wrong-token-0123456789" }).done;
    const text = JSON.stringify(logs);
    expect(logs.length).toBe(2);
    for (const secret of [TOKEN, "wrong-token", "424242", "secret.person"])
      expect(text).not.toContain(secret);
  });
});
