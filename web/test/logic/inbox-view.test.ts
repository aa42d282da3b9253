import { describe, expect, it } from "vitest";
import {
  CODES_SHOWN,
  codeCount,
  hiddenNotice,
  type InboxViewInput,
  inboxView,
} from "../../src/logic/inbox-view.js";
import { demoLabels, makeCode, RETENTION_MS, T0 } from "../support/codes.js";

const ALICE = "+61400000001";
const BOB = "+61400000002";
const LABELS = demoLabels([
  { phoneNumber: ALICE, label: "Alice" },
  { phoneNumber: BOB, label: "Bob" },
]);

const view = (input: Partial<InboxViewInput> & Pick<InboxViewInput, "codes">) =>
  inboxView({ labels: LABELS, filter: "", now: T0, ...input });
const shownCodes = (input: Parameters<typeof view>[0]) =>
  view(input).items.map((item) => item.code.code);

describe("the inbox view", () => {
  it("lists the codes still in their window, newest first, under the demo user's name", () => {
    const codes = [
      makeCode({ code: "100001", recipient: ALICE, receivedAt: T0 - 3000 }),
      makeCode({ code: "100002", recipient: BOB, receivedAt: T0 - 1000 }),
      makeCode({ code: "100003", recipient: "+15550000000", receivedAt: T0 - RETENTION_MS }),
    ];
    const { items, liveCount } = view({ codes });
    expect(items.map((item) => [item.code.code, item.label.primary])).toEqual([
      ["100002", "Bob"],
      ["100001", "Alice"],
    ]);
    expect(liveCount).toBe(2);
    expect(shownCodes({ codes, now: T0 + RETENTION_MS })).toEqual([]);
  });

  it("marks an older code for the same number as superseded, never a notice", () => {
    const older = makeCode({ code: "200001", recipient: ALICE, receivedAt: T0 - 3000 });
    const newer = makeCode({ code: "200002", recipient: ALICE, receivedAt: T0 - 2000 });
    const notice = makeCode({ code: "", messageType: "blocked_account", receivedAt: T0 - 1000 });
    const superseded = view({ codes: [older, newer, notice] }).items.map((item) => [
      item.code.id,
      item.superseded,
    ]);
    expect(superseded).toEqual([
      [notice.id, false],
      [newer.id, false],
      [older.id, true],
    ]);
  });

  it("puts each demo user's newest live code on their card", () => {
    const codes = [
      makeCode({ code: "300001", recipient: ALICE, receivedAt: T0 - RETENTION_MS + 1000 }),
      makeCode({ code: "300002", recipient: ALICE, receivedAt: T0 - 5000 }),
    ];
    const cardCode = (now: number, phone: string) =>
      view({ codes, now }).pinned.find((user) => user.phoneNumber === phone)?.latest?.code;
    expect(cardCode(T0, ALICE)).toBe("300002");
    expect(cardCode(T0, BOB)).toBeUndefined();
    expect(cardCode(T0 + RETENTION_MS, ALICE)).toBeUndefined();
  });

  it("filters the list and the cards, and counts what the filter lets through", () => {
    const codes = [
      makeCode({ code: "400001", recipient: ALICE, receivedAt: T0 - 2000 }),
      makeCode({ code: "400002", recipient: BOB, receivedAt: T0 - 1000 }),
    ];
    const all = view({ codes });
    expect(codeCount(all)).toBe("2");
    const bob = view({ codes, filter: "bob" });
    expect(bob.items.map((item) => item.code.code)).toEqual(["400002"]);
    expect(bob.visiblePinned.map((user) => user.label)).toEqual(["Bob"]);
    expect(codeCount(bob)).toBe("1 of 2");
    expect(shownCodes({ codes, filter: "0400 000 001" })).toEqual(["400001"]);
    expect(codeCount(view({ codes, filter: "   " }))).toBe("2");
  });

  it("keeps every card behind the digit keys while the filter hides some", () => {
    const codes = [makeCode({ code: "500001", recipient: ALICE })];
    const slots = (filter: string) =>
      view({ codes, filter }).pinned.map((user) => [user.slot, user.phoneNumber]);
    expect(slots("bob")).toEqual(slots(""));
    expect(view({ codes, filter: "bob" }).visiblePinned).toHaveLength(1);
  });

  it("tells a filter that matches nothing from an empty inbox", () => {
    const codes = [makeCode({ code: "600001", recipient: ALICE })];
    const noMatch = view({ codes, filter: "carol" });
    expect(noMatch.items).toEqual([]);
    expect(noMatch.liveCount).toBe(1);
    expect(codeCount(noMatch)).toBe("0 of 1");
    expect(view({ codes: [] }).liveCount).toBe(0);
  });

  it("offers the newest listed code to copy, skipping notices and what the filter hides", () => {
    const codes = [
      makeCode({ code: "700001", recipient: ALICE, receivedAt: T0 - 3000 }),
      makeCode({ code: "700002", recipient: BOB, receivedAt: T0 - 2000 }),
      makeCode({ code: "", recipient: BOB, messageType: "blocked_account", receivedAt: T0 - 1000 }),
    ];
    expect(view({ codes }).newest?.code.code).toBe("700002");
    expect(view({ codes, filter: "alice" }).newest?.code.code).toBe("700001");
    expect(view({ codes, filter: "carol" }).newest).toBeUndefined();
  });

  describe("with two demo users on one shared number", () => {
    const SHARED = "+61400000003";
    const labels = demoLabels([
      { phoneNumber: SHARED, label: "Carol", email: "carol@atko.email" },
      { phoneNumber: SHARED, label: "Dan", email: "dan@atko.email" },
      { phoneNumber: ALICE, label: "Alice", email: "alice@atko.email" },
    ]);
    const forUser = (code: string, email: string, secondsAgo: number) =>
      makeCode({ code, recipient: SHARED, user: { email }, receivedAt: T0 - secondsAgo * 1000 });
    // They log in in turn: Carol, Dan, Carol again.
    const codes = [
      forUser("800001", "carol@atko.email", 30),
      forUser("800002", "dan@atko.email", 20),
      forUser("800003", "carol@atko.email", 10),
    ];
    const shared = view({ codes, labels });

    it("names the right person on each row and only dims a person's own older code", () => {
      expect(
        shared.items.map((item) => [item.code.code, item.label.primary, item.superseded]),
      ).toEqual([
        ["800003", "Carol", false],
        ["800002", "Dan", false],
        ["800001", "Carol", true],
      ]);
    });

    it("gives each their own card with their own newest code, in file order", () => {
      expect(shared.pinned.map((user) => [user.slot, user.label, user.latest?.code])).toEqual([
        [1, "Carol", "800003"],
        [2, "Dan", "800002"],
        [3, "Alice", undefined],
      ]);
    });

    it("filters to one of them by name, on the list and the cards", () => {
      const dan = view({ codes, labels, filter: "dan" });
      expect(dan.items.map((item) => item.code.code)).toEqual(["800002"]);
      expect(dan.visiblePinned.map((user) => user.label)).toEqual(["Dan"]);
      expect(view({ codes, labels, filter: "dan@atko" }).visiblePinned).toHaveLength(1);
    });

    it("falls back to the number's users for a payload that names nobody", () => {
      const seedStyle = makeCode({ code: "800004", recipient: SHARED, receivedAt: T0 - 5000 });
      const withSeed = view({ codes: [...codes, seedStyle], labels });
      expect(withSeed.items.find((item) => item.code.id === seedStyle.id)?.label.primary).toBe(
        "Carol, Dan",
      );
      expect(withSeed.items.filter((item) => item.superseded).map((i) => i.code.code)).toEqual([
        "800001",
      ]);
    });
  });
});

describe("the list's cap", () => {
  const flood = (n: number, recipient = ALICE) =>
    Array.from({ length: n }, (_, i) =>
      makeCode({ code: String(200000 + i), recipient, receivedAt: T0 - 100_000 + i }),
    );

  it("renders at most CODES_SHOWN codes, the newest, and counts the older ones it hides", () => {
    const codes = flood(CODES_SHOWN + 7);
    const all = view({ codes });
    expect(all.items).toHaveLength(CODES_SHOWN);
    expect(all.items[0]?.code.code).toBe(String(200000 + CODES_SHOWN + 6));
    expect(all.hidden).toEqual({ count: 7, atLeast: false });
    expect(codeCount(all)).toBe(String(CODES_SHOWN + 7));
    expect(hiddenNotice(all)).toBe(
      `7 older codes hidden: the list shows the newest ${CODES_SHOWN}. Filter by name or number to find an older one.`,
    );
    expect(hiddenNotice(view({ codes: flood(CODES_SHOWN + 1) }))).toMatch(/^1 older code hidden/);
  });

  it("says nothing when every code fits", () => {
    const fits = view({ codes: flood(CODES_SHOWN) });
    expect(fits.hidden).toEqual({ count: 0, atLeast: false });
    expect(hiddenNotice(fits)).toBeNull();
  });

  it("says 'more than' when the query stopped at its limit with every code in it live", () => {
    const codes = flood(CODES_SHOWN + 50);
    const capped = view({ codes, codesLimitReached: true });
    expect(capped.hidden).toEqual({ count: 50, atLeast: true });
    expect(codeCount(capped)).toBe(`${CODES_SHOWN + 50}+`);
    expect(hiddenNotice(capped)).toMatch(/^More than 50 older codes hidden/);
    // Some of what came back has expired: nothing live lies past the limit.
    const withExpired = [...codes, makeCode({ receivedAt: T0 - 2 * RETENTION_MS })];
    expect(view({ codes: withExpired, codesLimitReached: true }).hidden.atLeast).toBe(false);
  });

  it("caps after filtering, so a filter reaches codes the unfiltered list hides", () => {
    const bobs = [makeCode({ code: "999999", recipient: BOB, receivedAt: T0 - 200_000 })];
    const codes = [...flood(CODES_SHOWN + 5), ...bobs];
    expect(shownCodes({ codes })).not.toContain("999999");
    const bob = view({ codes, filter: "Bob" });
    expect(bob.items.map((item) => item.code.code)).toEqual(["999999"]);
    expect(hiddenNotice(bob)).toBeNull();
    expect(codeCount(bob)).toBe(`1 of ${CODES_SHOWN + 6}`);
    // Filtering for Alice still matches more than the list shows.
    expect(codeCount(view({ codes, filter: "Alice" }))).toBe(
      `${CODES_SHOWN + 5} of ${CODES_SHOWN + 6}`,
    );
  });

  it("hints that older codes may exist when a filtered list is short but the query was capped", () => {
    const codes = flood(CODES_SHOWN + 5);
    const none = view({ codes, filter: "Bob", codesLimitReached: true });
    expect(none.items).toEqual([]);
    expect(hiddenNotice(none)).toBe(
      "Older codes may be hidden: the page loads only the newest ones.",
    );
  });
});
