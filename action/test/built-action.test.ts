// The built Action against a local HTTP server that misbehaves in the ways a
// real webhook can: wrong secret, server error, too slow, connection dropped.
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ACTION_BUNDLE } from "../build.js";
import { sampleEvent } from "../src/sample-event.js";
import { type BuiltAction, loadActionCode, loadBuiltAction, recordingApi } from "./built-action.js";

const SECRET = "local-test-secret-5f2c9a";
const CODE = "731904";

interface Received {
  path: string;
  headers: IncomingMessage["headers"];
  body: unknown;
}

let server: Server;
let origin: string;
let action: BuiltAction;
const received: Received[] = [];

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : undefined;
}

beforeAll(async () => {
  action = await loadBuiltAction();
  server = createServer(async (req, res) => {
    const path = req.url ?? "/";
    if (path === "/close") {
      req.socket.destroy();
      return;
    }
    received.push({ path, headers: req.headers, body: await readBody(req) });
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      res
        .writeHead(status, { "content-type": "application/json", ...headers })
        .end(JSON.stringify(body));
    switch (path) {
      case "/api/otp":
        return json(201, { id: `doc-${received.length}` });
      case "/unauthorized":
        return json(401, {
          error: { code: "unauthorized", message: "Missing or wrong bearer token." },
        });
      case "/broken":
        return json(500, { error: { code: "unavailable", message: "Firestore is down." } });
      case "/gone":
        return json(404, { error: { code: "not_found", message: "Nothing here." } });
      case "/moved":
        return json(301, {}, { location: `${origin}/api/otp` });
      case "/page":
        return res
          .writeHead(200, { "content-type": "text/html" })
          .end("<!doctype html><title>Inbox</title>");
      case "/slow":
        return; // never answers; the Action's time bound must end the wait
      default:
        return json(400, {
          error: { code: "invalid_request", message: `unexpected path ${path}` },
        });
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
});

let logged: string[] = [];
beforeEach(() => {
  received.length = 0;
  logged = [];
  for (const method of ["log", "info", "warn", "error"] as const) {
    vi.spyOn(console, method).mockImplementation(
      (...args: unknown[]) => void logged.push(args.join(" ")),
    );
  }
});
afterEach(() => {
  vi.restoreAllMocks();
  // Whatever happened, neither the code nor the secret may reach the logs.
  for (const line of logged) {
    expect(line).not.toContain(CODE);
    expect(line).not.toContain(SECRET);
  }
});

function eventFor(path: string, extraSecrets: Record<string, string> = {}) {
  return sampleEvent({
    code: CODE,
    correlationId: "txn-1",
    secrets: { OTP_WEBHOOK_URL: `${origin}${path}`, OTP_WEBHOOK_SECRET: SECRET, ...extraSecrets },
  });
}

async function run(event: ReturnType<typeof eventFor>) {
  const api = recordingApi();
  await action.onExecuteCustomPhoneProvider(event, api);
  const reasons = [...api.drops, ...api.retries];
  for (const reason of reasons) {
    expect(reason).not.toContain(CODE);
    expect(reason).not.toContain(SECRET);
  }
  return api;
}

describe("the built Action", () => {
  it("posts the notification with the bearer secret and a stable idempotency key", async () => {
    const event = eventFor("/api/otp");
    const first = await run(event);
    const second = await run(structuredClone(event));
    expect(first.drops).toEqual([]);
    expect(first.retries).toEqual([]);
    expect(second.drops).toEqual([]);
    expect(received).toHaveLength(2);
    const [a, b] = received;
    expect(a?.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(a?.headers["content-type"]).toBe("application/json");
    expect(a?.headers["idempotency-key"]).toMatch(/^auth0-cpp-[0-9a-f]{64}$/);
    expect(b?.headers["idempotency-key"]).toBe(a?.headers["idempotency-key"]);
    expect(a?.body).toMatchObject({
      recipient: "+61400000001",
      code: CODE,
      messageType: "otp_verify",
      deliveryMethod: "text",
      user: { email: "owner@atko.email" },
      tenant: "demo-tenant",
    });
    expect(logged.join("\n")).toMatch(/delivered otp_verify \(text\) for \+614••••0001, HTTP 201/);
  });

  it("runs the same from its text with a line appended, as a tenant stores it", async () => {
    const uploaded = loadActionCode(`${readFileSync(ACTION_BUNDLE, "utf8")}// appended\n`);
    const api = recordingApi();
    await uploaded.onExecuteCustomPhoneProvider(eventFor("/api/otp"), api);
    expect([...api.drops, ...api.retries]).toEqual([]);
    expect(received.map((request) => request.path)).toEqual(["/api/otp"]);
  });

  it("drops on 401 and says the secret is wrong", async () => {
    const api = await run(eventFor("/unauthorized"));
    expect(api.retries).toEqual([]);
    expect(api.drops).toHaveLength(1);
    expect(api.drops[0]).toMatch(/OTP_WEBHOOK_SECRET differs/);
  });

  it("drops on 404 and says the URL is wrong", async () => {
    const api = await run(eventFor("/gone"));
    expect(api.drops[0]).toMatch(/no webhook at OTP_WEBHOOK_URL/);
  });

  it("retries on 500", async () => {
    const api = await run(eventFor("/broken"));
    expect(api.drops).toEqual([]);
    expect(api.retries).toEqual([expect.stringMatching(/unavailable \(HTTP 500 unavailable/)]);
  });

  it("retries when the webhook is too slow, within its time bound", async () => {
    const api = await run(eventFor("/slow", { OTP_WEBHOOK_TIMEOUT_MS: "300" }));
    expect(api.drops).toEqual([]);
    expect(api.retries).toEqual([expect.stringMatching(/did not answer within 300 ms/)]);
  });

  it("retries when the connection is closed without an answer", async () => {
    const api = await run(eventFor("/close"));
    expect(api.retries).toEqual([expect.stringMatching(/could not reach OTP_WEBHOOK_URL/)]);
  });

  it("retries when nothing listens", async () => {
    const closed = createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, "close");
    const event = eventFor("/api/otp");
    event.secrets = { ...event.secrets, OTP_WEBHOOK_URL: `http://127.0.0.1:${port}/api/otp` };
    const api = await run(event);
    expect(api.retries).toEqual([expect.stringMatching(/ECONNREFUSED/)]);
  });

  it("drops when a web page answers 200 instead of the webhook", async () => {
    const api = await run(eventFor("/page"));
    expect(api.retries).toEqual([]);
    expect(api.drops).toEqual([
      expect.stringMatching(/answered HTTP 200 but not as the webhook does/),
    ]);
  });

  it("does not follow a redirect with the secret", async () => {
    const api = await run(eventFor("/moved"));
    expect(api.drops).toEqual([
      expect.stringMatching(/redirects \(HTTP 301 to http:\/\/127\.0\.0\.1/),
    ]);
    expect(received.map((request) => request.path)).toEqual(["/moved"]);
  });

  it("drops with a clear reason when the secrets are missing, without any request", async () => {
    const event = eventFor("/api/otp");
    event.secrets = {};
    const api = await run(event);
    expect(api.drops).toEqual([
      expect.stringMatching(/Action secrets OTP_WEBHOOK_URL and OTP_WEBHOOK_SECRET are missing/),
    ]);
    expect(received).toEqual([]);
  });
});
