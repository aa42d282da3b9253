// The webhook is server-to-server (Auth0's Action): it sends no CORS headers,
// so no web page, ours or anyone's, can read its answers or send it a
// preflighted request (JSON body, Authorization header) from a browser.

import { callWebhook, clearFirestore, stackEnv } from "@sms-inbox/local-stack/stack-test-helpers";
import { beforeEach, describe, expect, it } from "vitest";

const ORIGINS = ["https://evil.example", "http://127.0.0.1:5000"];
const body = { recipient: "+61400000009", messageText: "Your code is 864209", code: "864209" };

function expectNoCors(headers: Headers): void {
  const cors: string[] = [];
  headers.forEach((_value, name) => {
    if (name.startsWith("access-control-")) cors.push(name);
  });
  // The Functions emulator turns CORS on for every onRequest function whose
  // options do not say `cors: false` (FIREBASE_DEBUG_FEATURES enableCors).
  expect(cors, "CORS headers: does the function set `cors: false`?").toEqual([]);
}

describe.each([
  ["through the Hosting rewrite", () => stackEnv().webhookUrl],
  ["at the function's own URL", () => stackEnv().functionUrl],
])("the webhook %s", (_where, url) => {
  beforeEach(() => clearFirestore());

  it.each(ORIGINS)("answers a CORS preflight from %s without allowing it", async (origin) => {
    const reply = await fetch(url(), {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type, idempotency-key",
      },
    });
    await reply.body?.cancel();
    expectNoCors(reply.headers);
  });

  it.each(ORIGINS)(
    "sends no CORS headers on a POST from %s, accepted or refused",
    async (origin) => {
      const accepted = await callWebhook({ url: url(), headers: { origin }, body });
      expect(accepted.status).toBe(201);
      expectNoCors(accepted.headers);

      const refused = await callWebhook({ url: url(), token: "wrong", headers: { origin }, body });
      expect(refused.status).toBe(401);
      expectNoCors(refused.headers);
    },
  );
});
