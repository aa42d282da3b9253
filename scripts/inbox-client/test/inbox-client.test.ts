import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  authenticatorCode,
  CodeTimeoutError,
  InboxApiError,
  latestCode,
  waitForCode,
} from "../src/inbox-client.js";

const ANSWER = {
  id: "k_1",
  code: "123456",
  recipient: "+61400000001",
  label: "owner@atko.email",
  messageType: "otp_verify",
  deliveryMethod: "text",
  channel: "sms",
  receivedAt: "2026-12-01T10:00:00.000Z",
  expireAt: "2026-12-01T10:10:00.000Z",
};

const VERIFY_LINK = {
  url: "https://tenant.auth0.com/u/email-verification?ticket=abc#",
  text: "Verify your account",
};
const EMAIL_ANSWER = {
  ...ANSWER,
  id: "k_2",
  code: "",
  recipient: "alice@example.com",
  label: "alice@example.com",
  messageType: "verify_email",
  deliveryMethod: "email",
  channel: "email",
  subject: "Verify your email",
  links: [VERIFY_LINK, { url: "https://example.com/privacy", text: "Privacy" }],
  link: VERIFY_LINK,
};

/** A fetch that answers from a script and records what was asked. */
function scripted(...replies: Array<() => Response>) {
  const asked: URL[] = [];
  const fetch = (async (input: URL | RequestInfo, init?: RequestInit) => {
    asked.push(new URL(String(input)));
    expect(new Headers(init?.headers).get("authorization")).toBe("Bearer tok");
    const next = replies.shift();
    if (!next) throw new Error("asked once too often");
    return next();
  }) as typeof globalThis.fetch;
  return { fetch, asked };
}
const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json", ...headers },
    });
const empty =
  (status: number, headers: Record<string, string> = {}) =>
  () =>
    new Response(null, { status, headers });

describe("the inbox client", () => {
  it("asks the inbox's codes API path with the filters, and returns the answer", async () => {
    const { fetch, asked } = scripted(json(200, ANSWER));
    const since = new Date("2026-12-01T09:59:00Z");
    const answer = await latestCode({
      baseUrl: "https://inbox.web.app",
      token: "tok",
      fetch,
      user: "Owner",
      since,
      type: ["otp_verify"],
    });
    expect(answer).toEqual(ANSWER);
    expect(asked[0]?.pathname).toBe("/api/codes/latest");
    expect(Object.fromEntries(asked[0]?.searchParams ?? [])).toEqual({
      user: "Owner",
      since: String(since.getTime()),
      type: "otp_verify",
    });
  });

  it("asks for no channel unless told, so the API answers phone codes as before", async () => {
    const { fetch, asked } = scripted(json(200, ANSWER));
    await latestCode({ baseUrl: "https://inbox.web.app", token: "tok", fetch, user: "a" });
    expect(asked[0]?.searchParams.has("channel")).toBe(false);
  });

  it("waits for a verification link by channel and type, and returns the email's link", async () => {
    const { fetch, asked } = scripted(empty(204), json(200, EMAIL_ANSWER));
    const answer = await waitForCode({
      baseUrl: "https://inbox.web.app",
      token: "tok",
      fetch,
      user: "alice@example.com",
      channel: "email",
      type: "verify_email",
      timeoutMs: 20_000,
    });
    expect(answer.link?.url).toBe(VERIFY_LINK.url);
    expect(answer.subject).toBe("Verify your email");
    expect(answer.links).toHaveLength(2);
    for (const url of asked) {
      expect(url.searchParams.get("channel")).toBe("email");
      expect(url.searchParams.get("type")).toBe("verify_email");
    }
  });

  it("says no email arrived when an email wait times out", async () => {
    const { fetch } = scripted(empty(204), empty(204), empty(204));
    await expect(
      waitForCode({
        baseUrl: "http://127.0.0.1:5000/",
        token: "tok",
        fetch,
        user: "alice@example.com",
        channel: "email",
        timeoutMs: 500,
      }),
    ).rejects.toThrow(/No email for alice@example.com/);
  });

  it("keeps a function's own URL as it is", async () => {
    const { fetch, asked } = scripted(empty(204));
    expect(
      await latestCode({
        baseUrl: "https://europe-west1-p.cloudfunctions.net/codes",
        token: "tok",
        fetch,
        recipient: "+61400000001",
      }),
    ).toBeUndefined();
    expect(asked[0]?.pathname).toBe("/codes");
  });

  it("waits again after an empty wait and after a busy or restarting inbox, until a code comes", async () => {
    const { fetch, asked } = scripted(
      empty(204, { "retry-after": "1" }),
      json(503, { error: { code: "busy", message: "busy" } }, { "retry-after": "0" }),
      () => {
        throw new TypeError("fetch failed");
      },
      json(200, ANSWER),
    );
    const answer = await waitForCode({
      baseUrl: "http://127.0.0.1:5000/",
      token: "tok",
      fetch,
      user: "a",
      after: "k_0",
      timeoutMs: 20_000,
    });
    expect(answer.id).toBe("k_1");
    expect(asked).toHaveLength(4);
    for (const url of asked) {
      expect(url.searchParams.get("after")).toBe("k_0");
      expect(Number(url.searchParams.get("wait"))).toBeGreaterThan(0);
      expect(Number(url.searchParams.get("wait"))).toBeLessThanOrEqual(20);
    }
  });

  it("holds each request at most 30 s, however long the whole wait", async () => {
    const { fetch, asked } = scripted(json(200, ANSWER));
    await waitForCode({
      baseUrl: "http://127.0.0.1:5000/",
      token: "tok",
      fetch,
      user: "a",
      timeoutMs: 120_000,
    });
    expect(asked[0]?.searchParams.get("wait")).toBe("30");
  });

  it("gives up with CodeTimeoutError when nothing arrives in time", async () => {
    const { fetch } = scripted(empty(204), empty(204), empty(204));
    await expect(
      waitForCode({
        baseUrl: "http://127.0.0.1:5000/",
        token: "tok",
        fetch,
        user: "a",
        timeoutMs: 500,
      }),
    ).rejects.toBeInstanceOf(CodeTimeoutError);
  });

  it("throws InboxApiError with the API's code for a refusal, and does not retry it", async () => {
    const { fetch, asked } = scripted(
      json(401, {
        error: { code: "unauthorized", message: "The bearer token is not one of the read tokens." },
      }),
    );
    const failure = waitForCode({
      baseUrl: "http://127.0.0.1:5000/",
      token: "tok",
      fetch,
      user: "a",
    });
    await expect(failure).rejects.toMatchObject({
      name: "InboxApiError",
      status: 401,
      code: "unauthorized",
    });
    await expect(failure).rejects.toBeInstanceOf(InboxApiError);
    expect(asked).toHaveLength(1);
  });

  it("says so when something other than the inbox answers", async () => {
    const { fetch } = scripted(() => new Response("<html>Not Found</html>", { status: 404 }));
    await expect(
      latestCode({ baseUrl: "https://example.com", token: "tok", fetch, user: "a" }),
    ).rejects.toThrow(/is this the inbox's URL/);
  });
});

describe("authenticatorCode", () => {
  const TOTP_ANSWER = {
    code: "492039",
    channel: "authenticator",
    label: "alice@example.com",
    validFrom: "2026-12-01T10:00:00.000Z",
    expireAt: "2026-12-01T10:00:30.000Z",
    validSeconds: 21,
  };

  it("asks the codes API with channel=authenticator and minValidSeconds, and returns the answer", async () => {
    const { fetch, asked } = scripted(json(200, TOTP_ANSWER));
    const answer = await authenticatorCode({
      baseUrl: "https://inbox.example.test",
      token: "tok",
      fetch,
      user: "Alice@Example.com",
      minValidSeconds: 10,
    });
    expect(answer).toEqual(TOTP_ANSWER);
    expect(asked[0]?.pathname).toBe("/api/codes/latest");
    expect(Object.fromEntries(asked[0]?.searchParams ?? [])).toEqual({
      user: "Alice@Example.com",
      channel: "authenticator",
      minValidSeconds: "10",
    });
  });

  it("asks again while the inbox is busy or restarting, and throws a refusal at once", async () => {
    const { fetch, asked } = scripted(
      json(503, { error: { code: "unavailable", message: "x" } }, { "Retry-After": "0" }),
      () => {
        throw new TypeError("fetch failed");
      },
      json(200, TOTP_ANSWER),
    );
    const answer = await authenticatorCode({
      baseUrl: "http://127.0.0.1:5000",
      token: "tok",
      fetch,
      user: "a",
    });
    expect(answer.code).toBe("492039");
    expect(asked).toHaveLength(3);
    expect(asked[0]?.searchParams.has("minValidSeconds")).toBe(false);

    const missing = scripted(
      json(404, {
        error: { code: "no_authenticator", message: "user: the inbox holds no authenticator" },
      }),
    );
    await expect(
      authenticatorCode({
        baseUrl: "http://127.0.0.1:5000",
        token: "tok",
        fetch: missing.fetch,
        user: "b",
      }),
    ).rejects.toMatchObject({ name: "InboxApiError", status: 404, code: "no_authenticator" });
    expect(missing.asked).toHaveLength(1);
  });

  it("gives up with CodeTimeoutError when the inbox stays busy", async () => {
    const busy = json(503, { error: { code: "busy", message: "x" } }, { "Retry-After": "0" });
    const { fetch } = scripted(...Array.from({ length: 50 }, () => busy));
    await expect(
      authenticatorCode({
        baseUrl: "http://127.0.0.1:5000",
        token: "tok",
        fetch,
        user: "a",
        timeoutMs: 1,
      }),
    ).rejects.toBeInstanceOf(CodeTimeoutError);
  });
});

describe("the one-file build", () => {
  it("imports nothing, so it can be copied into any test suite with its types", () => {
    execFileSync("npm", ["run", "--silent", "build"], { cwd: new URL("..", import.meta.url) });
    const code = readFileSync(new URL("../dist/inbox-client.js", import.meta.url), "utf8");
    const types = readFileSync(new URL("../dist/inbox-client.d.ts", import.meta.url), "utf8");
    for (const text of [code, types]) expect(text).not.toMatch(/^\s*import\s|require\(/m);
    expect(code).toMatch(/export\s*\{[^}]*waitForCode/);
    expect(types).toMatch(/interface LatestCodeAnswer/);
    expect(types).toMatch(/channel\?: Channel/);
    // The contract's types only, never a library's: a copied pair must stand alone.
    expect(types).not.toMatch(/zod/i);
  }, 120_000);
});
