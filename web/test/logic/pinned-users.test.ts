import { describe, expect, it } from "vitest";
import { pinnedUsers, slotCode } from "../../src/logic/pinned-users.js";
import type { PhoneLabelEntry } from "../../src/logic/types.js";
import { demoLabels, makeCode, makeEmail, makeEmailCode, T0 } from "../support/codes.js";

const SHARED = "+61400000002";
// The file's order, deliberately not alphabetical.
const LABELS = demoLabels([
  { phoneNumber: "+61400000001", label: "owner@atko.email", email: "owner@atko.email" },
  { phoneNumber: SHARED, label: "Zed", email: "zed@atko.email" },
  { phoneNumber: SHARED, label: "Amy", email: "amy@atko.email" },
  { phoneNumber: "+61400000010", label: "User 10" },
]);
const cards = (labels: readonly PhoneLabelEntry[]) =>
  pinnedUsers(labels, []).map((card) => [card.slot, card.label, card.phoneNumber]);

describe("pinned users", () => {
  it("gives every demo user a card, in the demo users file's order", () => {
    expect(cards(LABELS)).toEqual([
      [1, "owner@atko.email", "+61400000001"],
      [2, "Zed", SHARED],
      [3, "Amy", SHARED],
      [4, "User 10", "+61400000010"],
    ]);
    expect(pinnedUsers(LABELS, []).every((card) => card.latest === undefined)).toBe(true);
  });

  it("shows each user on a shared number their own newest code, not the other's", () => {
    const zedOld = makeCode({
      recipient: SHARED,
      code: "100001",
      user: { email: "zed@atko.email" },
      receivedAt: T0,
    });
    const amy = makeCode({
      recipient: SHARED,
      code: "200002",
      user: { email: "amy@atko.email" },
      receivedAt: T0 + 1000,
    });
    const zedNew = makeCode({
      recipient: SHARED,
      code: "300003",
      user: { email: "zed@atko.email" },
      receivedAt: T0 + 2000,
    });
    const latest = (codes: ReturnType<typeof makeCode>[]) =>
      pinnedUsers(LABELS, codes).map((card) => card.latest?.code);
    expect(latest([amy, zedOld])).toEqual([undefined, "100001", "200002", undefined]);
    expect(latest([zedNew, amy, zedOld])).toEqual([undefined, "300003", "200002", undefined]);
  });

  it("puts a code that names nobody on every card of its number, and skips notices", () => {
    const seedStyle = makeCode({ recipient: SHARED, code: "400004", receivedAt: T0 + 2000 });
    const notice = makeCode({ recipient: SHARED, code: "", receivedAt: T0 + 3000 });
    const other = makeCode({ recipient: "+61400000001", code: "500005", receivedAt: T0 + 1000 });
    expect(
      pinnedUsers(LABELS, [notice, seedStyle, other]).map((card) => card.latest?.code),
    ).toEqual(["500005", "400004", "400004", undefined]);
  });

  it("follows a user wherever their code arrives", () => {
    const owner = makeCode({
      recipient: SHARED,
      code: "600006",
      user: { email: "OWNER@atko.email" },
    });
    const [first, zed] = pinnedUsers(LABELS, [owner]);
    expect(first?.latest?.code).toBe("600006");
    expect(zed?.latest).toBeUndefined();
  });

  it("adds people first seen in payloads after the demo users, in the order they were seen", () => {
    const labels: PhoneLabelEntry[] = [
      ...LABELS,
      {
        phoneNumber: "+61400000020",
        users: [],
        seen: [
          { label: "late@atko.email", email: "late@atko.email", firstSeenAt: 20 },
          // Also a demo user: keeps their demo-user card.
          { label: "amy@atko.email", email: "amy@atko.email", firstSeenAt: 1 },
        ],
      },
      { phoneNumber: "+61400000021", users: [], seen: [{ label: "Early", firstSeenAt: 10 }] },
    ];
    expect(cards(labels).slice(4)).toEqual([
      [5, "Early", "+61400000021"],
      [6, "late@atko.email", "+61400000020"],
    ]);
    const early = makeCode({ recipient: "+61400000001", code: "700007", user: { name: "early" } });
    expect(pinnedUsers(labels, [early])[4]?.latest?.code).toBe("700007");
  });

  it("gives a demo user listed on two numbers one card, at their first listing", () => {
    const twice = demoLabels([
      { phoneNumber: "+61400000005", label: "Ann", email: "ann@atko.email" },
      { phoneNumber: "+61400000006", label: "Bo", email: "bo@atko.email" },
    ]);
    twice.push({
      phoneNumber: "+61400000007",
      users: [{ label: "Ann again", email: "ann@atko.email", order: 9 }],
      seen: [],
    });
    expect(cards(twice)).toEqual([
      [1, "Ann", "+61400000005"],
      [2, "Bo", "+61400000006"],
    ]);
    const there = makeCode({ recipient: "+61400000007", code: "800008" });
    expect(pinnedUsers(twice, [there])[0]?.latest?.code).toBe("800008");
  });

  it("orders older documents' users, which have no order, after the rest, by number", () => {
    const legacy: PhoneLabelEntry[] = [
      {
        phoneNumber: "+61400000009",
        users: [{ label: "Old 9", order: Number.MAX_SAFE_INTEGER }],
        seen: [],
      },
      {
        phoneNumber: "+61400000008",
        users: [{ label: "Old 8", order: Number.MAX_SAFE_INTEGER }],
        seen: [],
      },
      ...demoLabels([{ phoneNumber: "+61400000001", label: "New" }]),
    ];
    expect(cards(legacy).map(([, label]) => label)).toEqual(["New", "Old 8", "Old 9"]);
  });
});

describe("pinned users' emails", () => {
  const zedSms = makeCode({
    recipient: SHARED,
    code: "100001",
    user: { email: "zed@atko.email" },
    receivedAt: T0,
  });

  it("puts a demo user's email code on their card beside their SMS code", () => {
    // The webhook names the user; the address alone is enough too.
    const named = makeEmailCode("482913", {
      recipient: "zed@atko.email",
      user: { email: "zed@atko.email" },
      receivedAt: T0 + 1000,
    });
    const [, zed, amy] = pinnedUsers(LABELS, [named, zedSms]);
    expect(zed?.latest?.code).toBe("100001");
    expect(zed?.latestEmail?.code).toBe("482913");
    expect(amy?.latestEmail).toBeUndefined();
    const byAddress = makeEmailCode("555000", { recipient: "Amy@atko.email" });
    expect(pinnedUsers(LABELS, [byAddress])[2]?.latestEmail?.code).toBe("555000");
  });

  it("files an email under the payload's user when its address is another (an MFA address)", () => {
    const mfa = makeEmailCode("777000", {
      recipient: "zed.mfa@elsewhere.test",
      user: { email: "zed@atko.email" },
    });
    expect(pinnedUsers(LABELS, [mfa])[1]?.latestEmail?.code).toBe("777000");
  });

  it("keeps a link email, skips an email with neither code nor link", () => {
    const link = makeEmail({ recipient: "amy@atko.email", receivedAt: T0 });
    const welcome = makeEmail({
      recipient: "amy@atko.email",
      messageType: "welcome_email",
      email: { subject: "Welcome", links: [], mainLink: null, linksTruncated: false },
      receivedAt: T0 + 1000,
    });
    expect(pinnedUsers(LABELS, [welcome, link])[2]?.latestEmail?.id).toBe(link.id);
  });

  it("keeps a verification link on the card beside a newer email-MFA code, and copies the code", () => {
    const link = makeEmail({ recipient: "amy@atko.email", receivedAt: T0 });
    const mfa = makeEmailCode("482900", { recipient: "amy@atko.email", receivedAt: T0 + 1000 });
    const olderMfa = makeEmailCode("111900", {
      recipient: "amy@atko.email",
      receivedAt: T0 - 1000,
    });
    const card = pinnedUsers(LABELS, [mfa, link, olderMfa])[2];
    expect(card?.latestEmail?.id).toBe(mfa.id);
    expect(card?.otherEmail?.id).toBe(link.id);
    expect(card && slotCode(card)?.code).toBe("482900");
    // Two emails of one kind: only the newest shows.
    const codesOnly = pinnedUsers(LABELS, [mfa, olderMfa])[2];
    expect(codesOnly?.latestEmail?.id).toBe(mfa.id);
    expect(codesOnly?.otherEmail).toBeUndefined();
  });

  it("gives an email no card of the number it never went to", () => {
    const stranger = makeEmailCode("999000", { recipient: "stranger@elsewhere.test" });
    expect(pinnedUsers(LABELS, [stranger]).some((card) => card.latestEmail)).toBe(false);
  });

  it("lets keys 1–9 copy the newest code of a card, SMS or email, never a link", () => {
    const emailCode = makeEmailCode("482913", { recipient: "zed@atko.email", receivedAt: T0 + 5 });
    expect(slotCode({ latest: zedSms, latestEmail: emailCode })?.code).toBe("482913");
    expect(slotCode({ latest: zedSms, latestEmail: makeEmail({ receivedAt: T0 + 9 }) })?.code).toBe(
      "100001",
    );
    expect(slotCode({ latestEmail: makeEmail() })).toBeUndefined();
  });

  describe("authenticators", () => {
    const zed = { key: "user:zed@atko.email", label: "Zed", email: "zed@atko.email", createdAt: 5 };
    const kiosk = { key: "user:kiosk", label: "Kiosk", createdAt: 20 };
    const dana = { key: "user:dana@atko.email", label: "dana@atko.email", createdAt: 10 };
    const withSeen: PhoneLabelEntry[] = [
      ...LABELS,
      {
        phoneNumber: "+61400000030",
        users: [],
        seen: [
          { label: "later@atko.email", email: "later@atko.email", firstSeenAt: 1 },
          { label: "dana@atko.email", email: "dana@atko.email", firstSeenAt: 2 },
        ],
      },
    ];

    it("marks a demo user's card when they have one, without moving it", () => {
      const users = pinnedUsers(LABELS, [], { authenticators: [zed] });
      expect(users.map((u) => [u.slot, u.label, u.authenticator ?? false])).toEqual([
        [1, "owner@atko.email", false],
        [2, "Zed", true],
        [3, "Amy", false],
        [4, "User 10", false],
      ]);
    });

    it("gives a card to someone with nothing but an authenticator, after the demo users and before people seen later", () => {
      const users = pinnedUsers(withSeen, [], { authenticators: [kiosk, dana, zed] });
      expect(users.map((u) => [u.slot, u.label, u.phoneNumber, u.authenticator ?? false])).toEqual([
        [1, "owner@atko.email", "+61400000001", false],
        [2, "Zed", SHARED, true],
        [3, "Amy", SHARED, false],
        [4, "User 10", "+61400000010", false],
        // In the order they were added; a seen person keeps the number they were seen on.
        [5, "dana@atko.email", "+61400000030", true],
        [6, "Kiosk", undefined, true],
        [7, "later@atko.email", "+61400000030", false],
      ]);
    });

    it("still shows a seen person's codes on their authenticator card", () => {
      const danaCode = makeCode({
        recipient: "+61400000030",
        code: "303030",
        user: { email: "dana@atko.email" },
      });
      const card = pinnedUsers(withSeen, [danaCode], { authenticators: [dana] }).find(
        (u) => u.label === dana.label,
      );
      expect(card?.latest?.code).toBe("303030");
    });
  });
});

describe("pinned cards of people the webhook noted (people/)", () => {
  const NOTED = [
    // Met by an email alone: no number, the address is who they are.
    { label: "erin@guest.example", email: "erin@guest.example", firstSeenAt: T0 + 20 },
    {
      label: "gus@guest.example",
      email: "gus@guest.example",
      phoneNumber: SHARED,
      firstSeenAt: T0 + 10,
    },
    // A demo user noted before they were added to the file: one card, theirs.
    { label: "amy@atko.email", email: "amy@atko.email", firstSeenAt: T0 },
  ];

  it("gives each a card after the demo users, first seen first, one per person", () => {
    expect(
      pinnedUsers(LABELS, [], { noted: NOTED }).map((card) => [
        card.slot,
        card.label,
        card.phoneNumber,
      ]),
    ).toEqual([
      [1, "owner@atko.email", "+61400000001"],
      [2, "Zed", SHARED],
      [3, "Amy", SHARED],
      [4, "User 10", "+61400000010"],
      [5, "gus@guest.example", SHARED],
      [6, "erin@guest.example", undefined],
    ]);
  });

  it("puts an email that matches nobody's demo user on its person's own card", () => {
    const email = makeEmailCode("777111", { recipient: "erin@guest.example", receivedAt: T0 + 30 });
    const erin = pinnedUsers(LABELS, [email], { noted: NOTED }).find(
      (card) => card.label === "erin@guest.example",
    );
    expect(erin?.latestEmail?.code).toBe("777111");
    expect(erin?.email).toBe("erin@guest.example");
    expect(slotCode(erin ?? { latest: undefined })?.code).toBe("777111");
  });

  it("keeps reading the `seen` maps older webhooks wrote, beside people/", () => {
    const older = demoLabels([
      { phoneNumber: "+61400000001", label: "Owner", email: "owner@atko.email" },
    ]);
    const withSeen = older.map((entry) => ({
      ...entry,
      seen: [{ label: "sam@guest.example", email: "sam@guest.example", firstSeenAt: T0 + 15 }],
    }));
    expect(pinnedUsers(withSeen, [], { noted: NOTED }).map((card) => card.label)).toEqual([
      "Owner",
      "amy@atko.email",
      "gus@guest.example",
      "sam@guest.example",
      "erin@guest.example",
    ]);
  });
});
