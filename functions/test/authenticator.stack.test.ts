// Authenticator codes through the real functions on the local stack: the
// codes API's channel=authenticator and the page's endpoint, behind Hosting,
// with ID tokens from the Auth emulator verified by the function itself.
import {
  adminDb,
  clearAuth,
  clearFirestore,
  stackEnv,
} from "@sms-inbox/local-stack/stack-test-helpers";
import {
  addedByHand,
  writeAuthenticator,
} from "@sms-inbox/operator/authenticator/authenticator-store";
import { adminApp } from "@sms-inbox/operator/firestore/admin";
import { getAuth } from "firebase-admin/auth";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { requireAuthenticatorPerson } from "../src/authenticator/person.js";
import { parseBase32Secret } from "../src/authenticator/secret.js";
import { totpForStep } from "../src/authenticator/totp.js";
import {
  AUTHENTICATOR_CODES_PATH,
  type AuthenticatorCodesAnswer,
} from "../src/contract/authenticator.js";
import type { AuthenticatorCodeAnswer } from "../src/contract/codes-api.js";
import {
  ACCESS_DOC_ID,
  COLLECTIONS,
  PUBLIC_MODE_DOC_ID,
} from "../src/contract/firestore-schema.js";

const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const KEY = parseBase32Secret(SECRET).key;
const DEMO_USER = "alice@example.com";
const READER = { email: "reader@team.test", password: "reader-password-1" };
const STRANGER = { email: "stranger@elsewhere.test", password: "stranger-password-1" };

const auth = () => getAuth(adminApp(stackEnv().projectId));
const config = () => adminDb().collection(COLLECTIONS.config);
const endpoint = () => new URL(AUTHENTICATOR_CODES_PATH, stackEnv().inboxUrl).toString();

const addAuthenticator = (user: string, secret: string) =>
  writeAuthenticator(
    adminDb(),
    addedByHand(requireAuthenticatorPerson(user), parseBase32Secret(secret)),
  );

/** A verified (or not) email account in the Auth emulator, signed in: its ID token. */
async function idTokenOf(account: { email: string; password: string }, emailVerified = true) {
  await auth().createUser({ ...account, emailVerified });
  const response = await fetch(
    `http://${stackEnv().authHost}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-api-key`,
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...account, returnSecureToken: true }),
    },
  );
  expect(response.status).toBe(200);
  return String(((await response.json()) as { idToken: string }).idToken);
}

async function getJson(url: string, bearer?: string) {
  const response = await fetch(url, {
    headers: bearer === undefined ? {} : { authorization: `Bearer ${bearer}` },
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
  };
}

/** The code totp.ts computes for the step an answer names. */
const expectedCode = (validFromMs: number) =>
  totpForStep(KEY, Math.floor(validFromMs / 30_000)).code;

describe("authenticator codes on the local stack", () => {
  beforeEach(async () => {
    await clearFirestore();
    await clearAuth();
    await config()
      .doc(ACCESS_DOC_ID)
      .set({ emails: [READER.email], domains: [] });
  });
  afterAll(async () => {
    await clearFirestore();
    await clearAuth();
  });

  describe("the codes API, channel=authenticator", () => {
    it("answers the code computed from the stored secret, current, with at least minValidSeconds left", async () => {
      await addAuthenticator(DEMO_USER, SECRET);
      const { codesApiUrl, readToken } = stackEnv();
      for (const min of [undefined, 20]) {
        const asked = Date.now();
        const reply = await getJson(
          `${codesApiUrl}?user=${encodeURIComponent("Alice@Example.com")}&channel=authenticator${min === undefined ? "" : `&minValidSeconds=${min}`}`,
          readToken,
        );
        const answered = Date.now();
        expect(reply.status).toBe(200);
        expect(reply.headers.get("cache-control")).toMatch(/^no-(store|cache)$/);
        const answer = reply.body as AuthenticatorCodeAnswer;
        expect(answer).toMatchObject({ channel: "authenticator", label: DEMO_USER });
        const validFrom = Date.parse(answer.validFrom);
        const expireAt = Date.parse(answer.expireAt);
        expect(answer.code).toBe(expectedCode(validFrom));
        expect(expireAt - validFrom).toBe(30_000);
        // Current when answered (a second's slack for the emulators' clocks) …
        expect(validFrom).toBeLessThanOrEqual(answered + 1_000);
        // … and alive at least minValidSeconds after it was asked for.
        expect(expireAt - asked).toBeGreaterThanOrEqual((min ?? 5) * 1000 - 1_000);
        expect(JSON.stringify(answer)).not.toContain(SECRET);
      }
    });

    it("answers 404 no_authenticator for a user without one, and 400 for a recipient", async () => {
      const { codesApiUrl, readToken } = stackEnv();
      const none = await getJson(
        `${codesApiUrl}?user=bob@example.com&channel=authenticator`,
        readToken,
      );
      expect(none.status).toBe(404);
      expect(none.body.error.code).toBe("no_authenticator");
      const byNumber = await getJson(
        `${codesApiUrl}?recipient=%2B61400000001&channel=authenticator`,
        readToken,
      );
      expect(byNumber.status).toBe(400);
      expect(byNumber.body.error.message).toMatch(/^recipient: /);
    });
  });

  describe(`GET ${AUTHENTICATOR_CODES_PATH}`, () => {
    beforeEach(() => addAuthenticator(DEMO_USER, SECRET));

    const expectCodes = (reply: { status: number; body: unknown }) => {
      expect(reply.status).toBe(200);
      const answer = reply.body as AuthenticatorCodesAnswer;
      expect(answer.people.map((person) => person.key)).toEqual([`user:${DEMO_USER}`]);
      const [current, next] = answer.people[0]?.codes ?? [];
      expect(current?.code).toBe(expectedCode(current?.validFrom ?? 0));
      expect(next?.code).toBe(expectedCode(next?.validFrom ?? 0));
      expect(next?.validFrom).toBe(current?.validUntil);
      expect(JSON.stringify(answer)).not.toContain(SECRET);
    };

    it("gives an allowed reader's ID token the codes, and none once they are taken off the list", async () => {
      const idToken = await idTokenOf(READER);
      const allowed = await getJson(endpoint(), idToken);
      expectCodes(allowed);
      expect(allowed.headers.get("cache-control")).toMatch(/^no-(store|cache)$/);

      await config().doc(ACCESS_DOC_ID).set({ emails: [], domains: [] });
      const removed = await getJson(endpoint(), idToken);
      expect(removed.status).toBe(403);
      expect(removed.body.error.code).toBe("forbidden");
      expect(removed.body).not.toHaveProperty("people");
    });

    it("refuses an unlisted or unverified account, an anonymous caller and a forged token", async () => {
      expect((await getJson(endpoint(), await idTokenOf(STRANGER))).status).toBe(403);
      const unverified = await idTokenOf(READER, false);
      expect((await getJson(endpoint(), unverified)).status).toBe(403);
      expect((await getJson(endpoint())).status).toBe(401);
      expect(
        (await getJson(endpoint(), "eyJhbGciOiJub25lIn0.eyJlbWFpbCI6InJlYWRlckB0ZWFtLnRlc3QifQ."))
          .status,
      ).toBe(401);
    });

    it("gives anyone the codes while public mode is on, and not after", async () => {
      await config().doc(PUBLIC_MODE_DOC_ID).set({ enabled: true });
      expectCodes(await getJson(endpoint()));
      await config().doc(PUBLIC_MODE_DOC_ID).set({ enabled: false });
      expect((await getJson(endpoint())).status).toBe(401);
    });

    it("gives a machine with the codes API's read token the codes", async () => {
      await config().doc(ACCESS_DOC_ID).delete();
      expectCodes(await getJson(endpoint(), stackEnv().readToken));
      expect((await getJson(endpoint(), "not-the-read-token-0123456789")).status).toBe(401);
    });
  });
});
