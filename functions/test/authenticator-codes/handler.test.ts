// GET /api/authenticator/codes through its handler: who gets codes is the
// rules' decision (the shared table of cases), read on every request; the
// codes are the ones totp.ts computes from each secret.
import { describe, expect, it } from "vitest";
import type { AccessState, SignInClaims } from "../../src/access/allow-list.js";
import type { AuthenticatorRecord } from "../../src/authenticator/authenticator-reader.js";
import { parseBase32Secret } from "../../src/authenticator/secret.js";
import { totpForStep } from "../../src/authenticator/totp.js";
import {
  type AuthenticatorCodesRequest,
  createAuthenticatorCodesHandler,
} from "../../src/authenticator-codes/handler.js";
import type { AuthenticatorCodesAnswer } from "../../src/contract/authenticator.js";
import {
  ACCESS,
  ALLOWED,
  type Principal,
  REFUSED,
  rows,
  SIGNED_OUT,
  STRANGERS,
} from "../support/allow-list-cases.js";
import { capturedResponse } from "../support/captured-response.js";

const READ_TOKEN = "read-token-0123456789";
const NOW = Date.UTC(2026, 11, 1, 10, 0, 12);
const STEP = Math.floor(NOW / 30_000);
const RECORDS: AuthenticatorRecord[] = [
  {
    key: "user:alice@example.com",
    label: "alice@example.com",
    secret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
  },
  { key: "user:bob demo", label: "Bob Demo", secret: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" },
];

/** ID tokens of the test: "id:<n>" names a principal's claims; anything else is invalid. */
function setup(
  options: {
    state?: AccessState;
    principals?: Principal[];
    records?: AuthenticatorRecord[];
    failing?: "access" | "authenticators";
  } = {},
) {
  let state: AccessState = options.state ?? { access: ACCESS, publicEnabled: false };
  const logs: unknown[] = [];
  let accessReads = 0;
  const principals = options.principals ?? [];
  const handler = createAuthenticatorCodesHandler({
    tokens: () => `${READ_TOKEN},older-read-token-987654`,
    async verifyIdToken(idToken): Promise<SignInClaims> {
      const claims = principals[Number(idToken.replace(/^id:/, ""))]?.claims;
      if (!idToken.startsWith("id:") || !claims) throw new Error("invalid ID token");
      return claims;
    },
    async accessState() {
      accessReads += 1;
      if (options.failing === "access") throw new Error("Firestore is down");
      return state;
    },
    authenticators: {
      one: async () => undefined,
      async all() {
        if (options.failing === "authenticators") throw new Error("Firestore is down");
        return options.records ?? RECORDS;
      },
    },
    log: (message, fields) => logs.push({ message, fields }),
    deadlineMs: 200,
    now: () => NOW,
  });
  async function get(bearer?: string, request: Partial<AuthenticatorCodesRequest> = {}) {
    const { captured, res } = capturedResponse();
    await handler(
      {
        method: "GET",
        path: "/api/authenticator/codes",
        query: new URLSearchParams(),
        header: (name) =>
          name === "authorization" && bearer !== undefined ? `Bearer ${bearer}` : undefined,
        ...request,
      },
      res,
    );
    return captured;
  }
  /** The bearer a principal's browser sends: its ID token, or nothing when signed out. */
  const bearerOf = (principal: Principal) =>
    principal.claims ? `id:${principals.indexOf(principal)}` : undefined;
  return {
    get,
    bearerOf,
    logs,
    setState: (next: AccessState) => {
      state = next;
    },
    accessReads: () => accessReads,
  };
}

const errorCode = (body: unknown) => (body as { error: { code: string } }).error.code;

describe("GET /api/authenticator/codes", () => {
  it("answers every person's current and next code, as totp.ts computes them, never cached", async () => {
    const { get } = setup();
    const reply = await get(READ_TOKEN);
    expect(reply.status).toBe(200);
    expect(reply.headers["Cache-Control"]).toBe("no-store");
    expect(reply.headers.Vary).toBe("Authorization");
    const answer = reply.body as AuthenticatorCodesAnswer;
    expect(answer.serverTime).toBe(NOW);
    expect(answer.periodSeconds).toBe(30);
    expect(answer.people).toEqual(
      RECORDS.map((record) => {
        const key = parseBase32Secret(record.secret).key;
        return {
          key: record.key,
          label: record.label,
          codes: [totpForStep(key, STEP), totpForStep(key, STEP + 1)],
        };
      }),
    );
    expect(answer.people[0]?.codes[0].validFrom).toBeLessThanOrEqual(NOW);
    expect(answer.people[0]?.codes[0].validUntil).toBeGreaterThan(NOW);
    // No secret in the answer.
    for (const record of RECORDS) expect(JSON.stringify(answer)).not.toContain(record.secret);
  });

  describe("with public mode off", () => {
    it.each(rows(ALLOWED))("gives %s the codes", async (_who, principal) => {
      const { get, bearerOf } = setup({ principals: ALLOWED });
      const reply = await get(bearerOf(principal));
      expect(reply.status).toBe(200);
    });

    it.each(rows(REFUSED))("refuses %s", async (_who, principal) => {
      const { get, bearerOf } = setup({ principals: REFUSED });
      const reply = await get(bearerOf(principal));
      expect(reply.status).toBe(principal.claims ? 403 : 401);
      expect(errorCode(reply.body)).toBe(principal.claims ? "forbidden" : "unauthorized");
      expect(reply.body).not.toHaveProperty("people");
    });
  });

  it.each(rows([...STRANGERS, ...ALLOWED]))(
    "public mode on gives %s the codes",
    async (_who, principal) => {
      const all = [...STRANGERS, ...ALLOWED];
      const { get, bearerOf } = setup({
        principals: all,
        state: { access: undefined, publicEnabled: true },
      });
      expect((await get(bearerOf(principal))).status).toBe(200);
    },
  );

  it("reads the allow-list on every request: someone removed gets no further code", async () => {
    const { get, bearerOf, setState, accessReads } = setup({ principals: ALLOWED });
    const alice = ALLOWED[0] as Principal;
    expect((await get(bearerOf(alice))).status).toBe(200);
    setState({ access: { emails: [], domains: ACCESS.domains }, publicEnabled: false });
    const after = await get(bearerOf(alice));
    expect(after.status).toBe(403);
    expect(accessReads()).toBe(2);
  });

  it("takes a read token even with public mode off and no allow-list, without reading it", async () => {
    const { get, accessReads } = setup({ state: { access: undefined, publicEnabled: false } });
    expect((await get("older-read-token-987654")).status).toBe(200);
    expect(accessReads()).toBe(0);
  });

  it("refuses an invalid or expired ID token with 401, and a signed-out caller with 401", async () => {
    const { get } = setup({ principals: ALLOWED });
    for (const bearer of ["not-a-token", "id:99", undefined]) {
      const reply = await get(bearer);
      expect(reply.status).toBe(401);
      expect(reply.headers["Cache-Control"]).toBe("no-store");
    }
  });

  it("answers 503 when it cannot read the allow-list or the authenticators, never a refusal", async () => {
    for (const failing of ["access", "authenticators"] as const) {
      const { get, bearerOf } = setup({ principals: ALLOWED, failing });
      const reply = await get(bearerOf(ALLOWED[0] as Principal));
      expect(reply.status).toBe(503);
      expect(reply.headers["Retry-After"]).toBe("5");
    }
  });

  it("leaves out a person whose stored secret is unreadable, and counts them in the log", async () => {
    const broken = { key: "user:carol", label: "carol", secret: "!!" };
    const { get, logs } = setup({ records: [...RECORDS, broken] });
    const reply = await get(READ_TOKEN);
    expect((reply.body as AuthenticatorCodesAnswer).people.map((p) => p.key)).toEqual(
      RECORDS.map((record) => record.key),
    );
    expect(JSON.stringify(logs)).toContain('"unreadableSecrets":1');
  });

  it("refuses other methods, paths and any parameter", async () => {
    const { get } = setup();
    const post = await get(READ_TOKEN, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.Allow).toBe("GET, HEAD");
    expect((await get(READ_TOKEN, { path: "/api/authenticator/secrets" })).status).toBe(404);
    const param = await get(READ_TOKEN, { query: new URLSearchParams("user=alice") });
    expect(param.status).toBe(400);
    expect((param.body as { error: { message: string } }).error.message).toMatch(/^user: /);
  });

  it("logs how a caller was let in, never a token, an email, a secret or a code", async () => {
    const { get, bearerOf, logs } = setup({ principals: ALLOWED });
    const reply = await get(bearerOf(ALLOWED[0] as Principal));
    await get(READ_TOKEN);
    await get(bearerOf(SIGNED_OUT));
    const logged = JSON.stringify(logs);
    expect(logged).toContain('"admitted":"allow-list"');
    expect(logged).toContain('"admitted":"read-token"');
    for (const hidden of [
      READ_TOKEN,
      "alice@individual.test",
      ...RECORDS.map((record) => record.secret),
      ...(reply.body as AuthenticatorCodesAnswer).people.flatMap((p) => p.codes.map((c) => c.code)),
    ])
      expect(logged).not.toContain(hidden);
  });
});
