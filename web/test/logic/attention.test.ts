import { describe, expect, it } from "vitest";
import {
  announcement,
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
