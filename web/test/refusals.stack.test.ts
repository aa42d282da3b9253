// The refusal trail end to end: deliveries refused through the Hosting URL
// show up in otpRefusals with what the page will say about them, and never
// with the code, the token or the body.
import { adminDb, callWebhook, clearFirestore } from "@sms-inbox/local-stack/stack-test-helpers";
import { COLLECTIONS } from "functions/contract/firestore-schema";
import { beforeEach, describe, expect, it } from "vitest";
import { explainRefusal, type InboxRefusal, parseStoredRefusal } from "../src/logic/refusals.js";

const refusals = async (): Promise<InboxRefusal[]> => {
  const snapshot = await adminDb().collection(COLLECTIONS.refusals).get();
  return snapshot.docs.flatMap((doc) => {
    const parsed = parseStoredRefusal(doc.id, doc.data());
    return parsed.ok ? [parsed.refusal] : [];
  });
};

const CODE = "864213";
const TOKEN = "not-the-webhook-secret-1234";

describe("refused deliveries", () => {
  beforeEach(() => clearFirestore());

  it.each([
    {
      what: "a wrong secret",
      call: { token: TOKEN, body: { recipient: "+61400000001", code: CODE } },
      status: 401,
      explanation: "wrong webhook secret — check OTP_WEBHOOK_SECRET in the Auth0 Action",
      recipient: "+614•••••001",
    },
    {
      what: "an invalid number",
      call: { body: { recipient: "0400 000 001", code: CODE, messageType: "otp_enroll" } },
      status: 400,
      explanation: "invalid phone number (recipient) — numbers must be E.164, such as +61400000001",
      recipient: "(12 characters, not a phone number)",
      messageType: "otp_enroll",
    },
    {
      what: "a wrong content type",
      call: {
        headers: { "content-type": "text/plain" },
        body: JSON.stringify({ recipient: "+61400000002", code: CODE }),
      },
      status: 415,
      explanation: "wrong content type — the sender must post Content-Type: application/json",
      recipient: "+614•••••002",
    },
  ])("records $what with the page's explanation", async (row) => {
    const reply = await callWebhook(row.call);
    expect(reply.status).toBe(row.status);
    const [refusal, ...others] = await refusals();
    expect(others).toEqual([]);
    expect(refusal).toMatchObject({ status: row.status, recipient: row.recipient });
    if (row.messageType) expect(refusal?.messageType).toBe(row.messageType);
    expect(refusal && explainRefusal(refusal)).toBe(row.explanation);
    expect(Math.abs((refusal?.refusedAt ?? 0) - Date.now())).toBeLessThan(60_000);
    const raw = JSON.stringify(
      (await adminDb().collection(COLLECTIONS.refusals).get()).docs.map((d) => d.data()),
    );
    expect(raw).not.toContain(CODE);
    expect(raw).not.toContain(TOKEN);
    // Nothing was stored as a code.
    expect((await adminDb().collection(COLLECTIONS.codes).get()).size).toBe(0);
  });

  it("does not record a browser's GET", async () => {
    expect((await callWebhook({ method: "GET" })).status).toBe(405);
    expect(await refusals()).toEqual([]);
  });
});
