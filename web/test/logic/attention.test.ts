import { describe, expect, it } from "vitest";
import {
  addFresh,
  announcement,
  freshAt,
  newArrivals,
  notificationText,
  pageTitle,
} from "../../src/logic/attention.js";
import { makeCode } from "../support/codes.js";

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
    expect(pageTitle("SMS Inbox", 0)).toBe("SMS Inbox");
    expect(pageTitle("SMS Inbox", 3)).toBe("(3) SMS Inbox");
  });

  it("names whom the newest arrival is for in the title", () => {
    expect(pageTitle("SMS Inbox", 2, "admin@atko.email")).toBe("(2) admin@atko.email · SMS Inbox");
    expect(pageTitle("SMS Inbox", 0, "admin@atko.email")).toBe("SMS Inbox");
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
