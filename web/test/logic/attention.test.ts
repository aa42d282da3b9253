import { describe, expect, it } from "vitest";
import {
  addFresh,
  announcement,
  freshAt,
  newArrivals,
  notificationText,
  pageTitle,
} from "../../src/logic/attention.js";
import { makeCode, makeEmail, makeEmailCode } from "../support/codes.js";

describe("attention", () => {
  it("counts nothing as new on the first snapshot", () => {
    expect(newArrivals(null, [makeCode()])).toEqual([]);
  });

  it("finds codes not seen before", () => {
    const a = makeCode();
    const b = makeCode();
    expect(newArrivals(new Set([a.id]), [b, a])).toEqual([b]);
  });

  it("puts the unseen count in the title", () => {
    expect(pageTitle("Inbox", 0)).toBe("Inbox");
    expect(pageTitle("Inbox", 3)).toBe("(3) Inbox");
  });

  it("names whom the newest arrival is for in the title", () => {
    expect(pageTitle("Inbox", 2, "admin@atko.email")).toBe("(2) admin@atko.email · Inbox");
    expect(pageTitle("Inbox", 0, "admin@atko.email")).toBe("Inbox");
  });

  it("announces digits one by one, and nothing secret when masked", () => {
    const code = makeCode({ code: "4821", recipient: "+61400000001" });
    expect(announcement(code, { primary: "Alice" }, false)).toBe("New code for Alice: 4 8 2 1");
    expect(announcement(code, { primary: "Alice" }, true)).toBe("New code for Alice");
    expect(announcement(code, { primary: "" }, true)).toBe("New code for +61400000001");
    expect(announcement({ ...code, code: "" }, { primary: "Alice" }, false)).toBe(
      "New notice for Alice",
    );
  });

  it("keeps masked codes out of notifications", () => {
    const code = makeCode({ code: "4821" });
    expect(notificationText(code, { primary: "Bob" }, false)).toEqual({
      title: "Code for Bob",
      body: "4821",
    });
    expect(notificationText(code, { primary: "Bob" }, true).body).not.toContain("4821");
  });
});

describe("highlights", () => {
  it("highlights new codes until arrival + the highlight time, then not", () => {
    const until = addFresh(new Map(), ["a", "b"], 1_000, 4_000);
    expect([...freshAt(until, 1_000)]).toEqual(["a", "b"]);
    expect([...freshAt(until, 4_999)]).toEqual(["a", "b"]);
    expect([...freshAt(until, 5_000)]).toEqual([]);
  });

  it("keeps earlier highlights running and drops those already over", () => {
    const first = addFresh(new Map(), ["a"], 1_000, 4_000);
    const second = addFresh(first, ["b"], 3_000, 4_000);
    expect([...freshAt(second, 4_000)]).toEqual(["a", "b"]);
    expect([...freshAt(second, 6_000)]).toEqual(["b"]);
    expect([...addFresh(second, ["c"], 8_000, 4_000).keys()]).toEqual(["c"]);
  });
});

describe("attention to emails", () => {
  it("tells of an email by whom it is for and its subject, never its link", () => {
    const link = makeEmail();
    const alice = { primary: "Alice" };
    expect(announcement(link, alice, false)).toBe("New email for Alice: Verify your email");
    expect(notificationText(link, alice, false)).toEqual({
      title: "New email for Alice",
      body: "Verify your email",
    });
    for (const text of [
      announcement(link, alice, false),
      ...Object.values(notificationText(link, alice, false)),
    ]) {
      expect(text).not.toContain("ticket");
      expect(text).not.toContain("https:");
    }
  });

  it("reads an email's code out unless codes are masked, also where the subject holds it", () => {
    const email = makeEmailCode("482913", {
      email: { subject: "Your code is 482913", links: [], mainLink: null, linksTruncated: false },
    });
    const bob = { primary: "Bob" };
    expect(announcement(email, bob, false)).toBe(
      "New email for Bob: Your code is 482913. Code 4 8 2 9 1 3",
    );
    expect(announcement(email, bob, true)).toBe("New email for Bob: Your code is ••••••");
    expect(notificationText(email, bob, false).body).toBe("Your code is 482913\nCode 482913");
    expect(JSON.stringify(notificationText(email, bob, true))).not.toContain("482913");
  });
});
