import { describe, expect, it } from "vitest";
import type { CodeStore } from "../../src/webhook/code-store.js";
import { createWebhookHandler, type OutgoingResponse } from "../../src/webhook/handler.js";

function capture() {
  const reply = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
  const res: OutgoingResponse = {
    status(code) {
      reply.status = code;
      return res;
    },
    set(name, value) {
      reply.headers[name] = value;
      return res;
    },
    json(body) {
      reply.body = body;
    },
  };
  return { reply, res };
}

const body = JSON.stringify({
  recipient: "+61400000001",
  code: "987654",
  messageText: "code 987654",
});
const request = (authorization: string) => ({
  method: "POST",
  header: (name: string) =>
    ({ authorization, "content-type": "application/json" })[name.toLowerCase()] as
      | string
      | undefined,
  rawBody: Buffer.from(body),
});

const neverStoresEmail = () => Promise.reject(new Error("no email in these tests"));

function handlerWith(store: Pick<CodeStore, "store">) {
  const lines: string[] = [];
  const handler = createWebhookHandler({
    secrets: () => "the-secret",
    retentionMinutes: () => 10,
    store: { storeEmail: neverStoresEmail, ...store },
    log: (message, fields) => lines.push(`${message} ${JSON.stringify(fields)}`),
  });
  return { handler, lines };
}

describe("createWebhookHandler", () => {
  it("answers 503 with Retry-After when Firestore fails, so the sender retries", async () => {
    const { handler } = handlerWith({
      store: () => Promise.reject(new Error("14 UNAVAILABLE: connection refused")),
    });
    const { reply, res } = capture();
    await handler(request("Bearer the-secret"), res);
    expect(reply.status).toBe(503);
    expect(reply.headers["Retry-After"]).toMatch(/^\d+$/);
    expect(reply.body).toEqual({ error: { code: "unavailable", message: expect.any(String) } });
  });

  it("answers 503 when Firestore hangs past the deadline, well before the sender gives up", async () => {
    const lines: string[] = [];
    const handler = createWebhookHandler({
      secrets: () => "the-secret",
      retentionMinutes: () => 10,
      store: { store: () => new Promise(() => {}), storeEmail: neverStoresEmail },
      log: (message, fields) => lines.push(`${message} ${JSON.stringify(fields)}`),
      storeDeadlineMs: 20,
    });
    const { reply, res } = capture();
    await handler(request("Bearer the-secret"), res);
    expect(reply.status).toBe(503);
    expect(reply.headers["Retry-After"]).toBe("5");
    expect(lines.join("\n")).toMatch(/did not answer within 20 ms/);
  });

  it("does not touch the store for an unauthorised request", async () => {
    let calls = 0;
    const { handler } = handlerWith({
      store: async () => {
        calls += 1;
        return { id: "x", created: true };
      },
    });
    const { reply, res } = capture();
    await handler(request("Bearer wrong"), res);
    expect(reply.status).toBe(401);
    expect(calls).toBe(0);
  });

  it("logs neither the code, the message text nor any token", async () => {
    const { handler, lines } = handlerWith({ store: async () => ({ id: "abc", created: true }) });
    for (const auth of ["Bearer the-secret", "Bearer wrong-token"]) {
      await handler(request(auth), capture().res);
    }
    const logged = lines.join("\n");
    expect(lines.length).toBe(2);
    for (const secret of ["987654", "the-secret", "wrong-token"])
      expect(logged).not.toContain(secret);
  });
});
