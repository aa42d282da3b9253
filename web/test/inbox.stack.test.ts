// The inbox page in real headless Chromium against the local stack: codes
// posted to the webhook appear with their labels, copy works, pinned cards
// follow the newest code, two users sharing a number each keep their own,
// expired codes leave, and the connection indicator tells the truth when
// Firestore goes away and comes back.

import { launchChromium } from "@sms-inbox/local-stack/chromium";
import {
  allow,
  arrivalTime,
  codeRow,
  type InboxPage,
  openInbox,
  personCard,
  pinnedCard,
  recordArrivals,
  signInWithGoogle,
  summarize,
  waitForConnection,
} from "@sms-inbox/local-stack/inbox-page";
import {
  adminDb,
  callWebhook,
  clearFirestore,
  stackEnv,
  startFirestore,
  stopFirestore,
} from "@sms-inbox/local-stack/stack-test-helpers";
import { writePhoneLabels } from "@sms-inbox/operator/firestore/phone-labels";
import { Timestamp } from "firebase-admin/firestore";
import { COLLECTIONS } from "functions/contract/firestore-schema";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

const PRESENTER = "presenter@inbox-e2e.test";
const ALICE = { phoneNumber: "+61400000101", label: "Alice (e2e)" };
const BOB = { phoneNumber: "+61400000102", label: "Bob (e2e)" };
/** Two demo users on one number, as the seed's setup shares numbers. */
const SHARED = "+61400000103";
const CAROL = { label: "Carol (e2e)", email: "carol@inbox-e2e.test" };
const DAN = { label: "Dan (e2e)", email: "dan@inbox-e2e.test" };
/** The demo users file's order: Alice, Bob, Carol, Dan (keys 1–4). */
const LABELS = [
  { phoneNumber: ALICE.phoneNumber, users: [{ label: ALICE.label, order: 0 }] },
  { phoneNumber: BOB.phoneNumber, users: [{ label: BOB.label, order: 1 }] },
  {
    phoneNumber: SHARED,
    users: [
      { ...CAROL, order: 2 },
      { ...DAN, order: 3 },
    ],
  },
];
/** The function's default OTP_RETENTION_MINUTES, which the stack does not change. */
const RETENTION_MS = 10 * 60_000;

let browser: Browser;
let open: InboxPage | undefined;

/** Posts as the seed's Action does (no user), or as ours does, naming the user. */
async function postCode(recipient: string, code: string, email?: string): Promise<string> {
  const reply = await callWebhook({
    body: {
      recipient,
      code,
      messageText: `Your verification code is ${code}`,
      ...(email ? { user: { email } } : {}),
    },
  });
  expect(reply.status).toBe(201);
  return (reply.body as { id: string }).id;
}

async function signedInInbox(): Promise<InboxPage> {
  open = await openInbox(browser);
  await signInWithGoogle(open.page, PRESENTER);
  await waitForConnection(open.page, "live");
  return open;
}

const clipboard = (inbox: InboxPage) => inbox.page.evaluate(() => navigator.clipboard.readText());

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  await clearFirestore();
  await writePhoneLabels(adminDb(), LABELS);
  await allow(PRESENTER);
});

afterEach(async () => {
  if (open && open.errors.length > 0) console.log(`[browser] ${open.errors.join("\n")}`);
  await open?.context.close();
  open = undefined;
});

describe("the inbox page", () => {
  it("shows a code posted to the webhook, with its number's label (no user named), within a blink", async () => {
    const inbox = await signedInInbox();
    await recordArrivals(inbox.page);
    const latencies: number[] = [];
    let lastId = "";
    for (const code of ["482913", "518204", "730551", "902117", "264890"]) {
      const started = Date.now();
      lastId = await postCode(ALICE.phoneNumber, code);
      latencies.push((await arrivalTime(inbox.page, lastId)) - started);
    }
    console.log(`[latency] webhook call → code on screen: ${summarize(latencies)}`);
    const row = codeRow(inbox.page, lastId);
    await expect(row.locator(".code-value").textContent()).resolves.toBe("264890");
    await expect(row.locator(".label-primary").textContent()).resolves.toBe(ALICE.label);
    await expect(row.locator(".number").textContent()).resolves.toBe(ALICE.phoneNumber);
    await expect(row.locator(".badges").textContent()).resolves.toContain("Login");
    // The page runs under the Hosting CSP (no inline script or style) without tripping it.
    expect(await inbox.cspViolations()).toEqual([]);
  });

  it("copies codes to the clipboard: by click, with c, and with a pinned user's digit", async () => {
    const inbox = await signedInInbox();
    const aliceId = await postCode(ALICE.phoneNumber, "111222");
    const bobId = await postCode(BOB.phoneNumber, "333444");
    await codeRow(inbox.page, bobId).waitFor();
    await codeRow(inbox.page, aliceId)
      .getByRole("button", { name: `Copy code for ${ALICE.label}` })
      .click();
    await inbox.page.getByRole("button", { name: /: Copied$/ }).waitFor();
    expect(await clipboard(inbox)).toBe("111222");
    await inbox.page.keyboard.press("c");
    await inbox.page.getByText("Copied 333444 for Bob (e2e)").waitFor();
    expect(await clipboard(inbox)).toBe("333444");
    // Pinned cards follow the demo users file: Alice, listed first, is 1.
    await inbox.page.keyboard.press("1");
    await inbox.page.getByText("Copied 111222 for Alice (e2e)").waitFor();
    expect(await clipboard(inbox)).toBe("111222");
  });

  it("keeps each pinned card on the user's newest code and dims the older one", async () => {
    const inbox = await signedInInbox();
    const card = pinnedCard(inbox.page, ALICE.phoneNumber);
    await card.getByText(/No code in the last/).waitFor();
    const firstId = await postCode(ALICE.phoneNumber, "100001");
    await card.locator(".code-value", { hasText: "100001" }).waitFor();
    await postCode(ALICE.phoneNumber, "100002");
    await card.locator(".code-value", { hasText: "100002" }).waitFor();
    await inbox.page.locator(`.code-row.superseded[data-code-id="${firstId}"]`).waitFor();
    await card.getByRole("button", { name: `Copy ${ALICE.label}'s code` }).click();
    expect(await clipboard(inbox)).toBe("100002");
  });

  it("gives two users who share a number each their own row, card, code and key", async () => {
    const inbox = await signedInInbox();
    const carolCard = personCard(inbox.page, CAROL.email);
    const danCard = personCard(inbox.page, DAN.email);
    const cardCode = (card: typeof carolCard) => card.locator(".code-value").textContent();
    const primary = (id: string) => codeRow(inbox.page, id).locator(".label-primary").textContent();

    // They log in in turn: Carol, Dan, Carol again.
    const carolFirst = await postCode(SHARED, "310001", CAROL.email);
    await carolCard.locator(".code-value", { hasText: "310001" }).waitFor();
    const dan = await postCode(SHARED, "320002", DAN.email);
    await danCard.locator(".code-value", { hasText: "320002" }).waitFor();
    await expect(cardCode(carolCard)).resolves.toBe("310001");
    const carolAgain = await postCode(SHARED, "330003", CAROL.email);
    await carolCard.locator(".code-value", { hasText: "330003" }).waitFor();
    await expect(cardCode(danCard)).resolves.toBe("320002");

    await expect(primary(carolAgain)).resolves.toBe(CAROL.label);
    await expect(primary(dan)).resolves.toBe(DAN.label);
    await expect(primary(carolFirst)).resolves.toBe(CAROL.label);
    await expect(codeRow(inbox.page, dan).locator(".label-secondary").textContent()).resolves.toBe(
      DAN.email,
    );
    // Only Carol's own older code is dimmed; Dan's stays valid.
    await inbox.page.locator(`.code-row.superseded[data-code-id="${carolFirst}"]`).waitFor();
    const dimmed = await inbox.page
      .locator(".code-row.superseded")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-code-id")));
    expect(dimmed).toEqual([carolFirst]);

    await inbox.page.keyboard.press("3");
    await inbox.page.getByText(`Copied 330003 for ${CAROL.label}`).waitFor();
    expect(await clipboard(inbox)).toBe("330003");
    await inbox.page.keyboard.press("4");
    await inbox.page.getByText(`Copied 320002 for ${DAN.label}`).waitFor();
    expect(await clipboard(inbox)).toBe("320002");

    // The seed's Action names nobody: the row names the number's users.
    const seedStyle = await postCode(SHARED, "340004");
    await codeRow(inbox.page, seedStyle).waitFor();
    await expect(primary(seedStyle)).resolves.toBe(`${CAROL.label}, ${DAN.label}`);
  });

  it("drops a code when it expires, with no new data arriving", async () => {
    const inbox = await signedInInbox();
    // A code stored retention − 6 s ago: the page must drop it in about 6 s.
    const receivedAt = Date.now() - RETENTION_MS + 6000;
    const expiring = await adminDb()
      .collection(COLLECTIONS.codes)
      .add({
        recipient: BOB.phoneNumber,
        code: "999001",
        messageText: "Your verification code is 999001",
        messageType: "otp_verify",
        deliveryMethod: "text",
        label: BOB.label,
        receivedAt: Timestamp.fromMillis(receivedAt),
        expireAt: Timestamp.fromMillis(receivedAt + RETENTION_MS),
      });
    // Just past the boundary: inside the query's window, but never shown.
    const expired = await adminDb()
      .collection(COLLECTIONS.codes)
      .add({
        recipient: BOB.phoneNumber,
        code: "999000",
        messageText: "Your verification code is 999000",
        messageType: "otp_verify",
        deliveryMethod: "text",
        label: BOB.label,
        receivedAt: Timestamp.fromMillis(Date.now() - RETENTION_MS - 2000),
        expireAt: Timestamp.fromMillis(Date.now() - 2000),
      });
    const freshId = await postCode(ALICE.phoneNumber, "999002");
    const row = codeRow(inbox.page, expiring.id);
    await row.waitFor();
    await expect(row.locator(".countdown").textContent()).resolves.toMatch(/0:0\d left/);
    await codeRow(inbox.page, freshId).waitFor();
    await expect(codeRow(inbox.page, expired.id).count()).resolves.toBe(0);
    await row.waitFor({ state: "detached", timeout: 15_000 });
    const leftAfter = Date.now() - (receivedAt + RETENTION_MS);
    console.log(`[expiry] expired code left the screen ${leftAfter} ms after its expireAt`);
    expect(leftAfter).toBeLessThan(3000);
    await expect(codeRow(inbox.page, freshId).isVisible()).resolves.toBe(true);
    await pinnedCard(inbox.page, BOB.phoneNumber)
      .getByText(/No code in the last/)
      .waitFor();
  });

  it("shows a code stamped an hour ahead as just now, below codes that come after it, for one lifetime", async () => {
    const inbox = await signedInInbox();
    const receivedAt = Date.now() + 3600_000;
    const skewed = await adminDb()
      .collection(COLLECTIONS.codes)
      .add({
        recipient: BOB.phoneNumber,
        code: "777001",
        messageText: "Your verification code is 777001",
        messageType: "otp_verify",
        deliveryMethod: "text",
        label: BOB.label,
        receivedAt: Timestamp.fromMillis(receivedAt),
        expireAt: Timestamp.fromMillis(receivedAt + RETENTION_MS),
      });
    const row = codeRow(inbox.page, skewed.id);
    await row.waitFor();
    await expect(row.locator(".age").textContent()).resolves.toBe("just now");
    // Its lifetime starts when the page saw it: ten minutes, not seventy.
    await expect(row.locator(".countdown").textContent()).resolves.toMatch(
      /^(10:00|9:[0-5]\d) left/,
    );
    const later = await postCode(ALICE.phoneNumber, "777002");
    await codeRow(inbox.page, later).waitFor();
    const order = await inbox.page
      .locator(".code-list .code-row")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-code-id")));
    expect(order).toEqual([later, skewed.id]);
    // The one copied with "c" is the code that really is newest.
    await inbox.page.keyboard.press("c");
    await inbox.page.getByText("Copied 777002 for Alice (e2e)").waitFor();
  });

  it("says offline the moment the browser loses the network, and live when it is back", async () => {
    const inbox = await signedInInbox();
    await inbox.context.setOffline(true);
    await waitForConnection(inbox.page, "offline", 5000);
    await inbox.page.getByText("You are offline.").waitFor();
    await inbox.context.setOffline(false);
    await waitForConnection(inbox.page, "live");
    const id = await postCode(ALICE.phoneNumber, "424242");
    await codeRow(inbox.page, id).waitFor();
  });

  it("shows reconnecting while Firestore is gone and goes live again when it returns", async () => {
    const inbox = await signedInInbox();
    await postCode(ALICE.phoneNumber, "515151");
    await inbox.page.locator(".code-value", { hasText: "515151" }).first().waitFor();
    const stoppedAt = Date.now();
    await stopFirestore();
    let restarted = false;
    try {
      await waitForConnection(inbox.page, "reconnecting", 15_000);
      const noticed = Date.now() - stoppedAt;
      await inbox.page.getByText("Connection lost: reconnecting.").waitFor();
      // The codes already on screen stay, marked as possibly out of date.
      await inbox.page.locator(".code-list.stale").waitFor();
      const restartedAt = Date.now();
      await startFirestore();
      restarted = true;
      await waitForConnection(inbox.page, "live", 60_000);
      const recovered = Date.now() - restartedAt;
      console.log(
        `[connection] reconnecting shown ${noticed} ms after Firestore stopped; ` +
          `live again ${recovered} ms after it restarted`,
      );
    } finally {
      if (!restarted) await startFirestore();
    }
    // The in-memory Firestore comes back empty, Google's with its data: either
    // way the labels are there again and a new code arrives without a reload.
    await writePhoneLabels(adminDb(), LABELS);
    const id = await postCode(ALICE.phoneNumber, "616161");
    await codeRow(inbox.page, id).waitFor();
  }, 120_000);

  // The in-memory path's own failure: the WebChannel gateway restarts, every
  // session the page held is unknown to the new one ("Unknown SID"), and the
  // SDK must handshake again by itself. (Google's path: the outage test above.)
  it.runIf(stackEnv().firestoreKind === "in-memory")(
    "recovers by itself when the in-memory gateway restarts under the open page",
    async () => {
      const inbox = await signedInInbox();
      const before = await postCode(ALICE.phoneNumber, "717171");
      await codeRow(inbox.page, before).waitFor();
      await stopFirestore();
      await startFirestore();
      const restartedAt = Date.now();
      // It comes back empty, as the process it imitates would.
      await writePhoneLabels(adminDb(), LABELS);
      const after = await postCode(ALICE.phoneNumber, "727272");
      await codeRow(inbox.page, after).waitFor({ timeout: 60_000 });
      await waitForConnection(inbox.page, "live", 30_000);
      console.log(
        `[gateway] a code sent after the restart showed ${Date.now() - restartedAt} ms later`,
      );
    },
    120_000,
  );
});
