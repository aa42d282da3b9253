import { describe, expect, it } from "vitest";
import { displayLabel, labelMap, pinnedUsers } from "../../src/logic/labels.js";
import { makeCode, T0 } from "../support/codes.js";

const labels = labelMap([
  { phoneNumber: "+61400000002", label: "bob" },
  { phoneNumber: "+61400000001", label: "Alice" },
  { phoneNumber: "+61400000003", label: "  " },
  { phoneNumber: "+61400000010", label: "User 10" },
  { phoneNumber: "+61400000009", label: "User 9" },
]);

describe("labels", () => {
  it("drops blank labels and trims the rest", () => {
    expect(labelMap([{ phoneNumber: "+1", label: " A " }]).get("+1")).toBe("A");
    expect(labels.has("+61400000003")).toBe(false);
  });

  it("prefers the configured name and keeps a different stored label as secondary", () => {
    const code = makeCode({ recipient: "+61400000001", label: "alice@example.com" });
    expect(displayLabel(code, labels)).toEqual({
      primary: "Alice",
      secondary: "alice@example.com",
    });
    expect(displayLabel({ ...code, label: "Alice" }, labels)).toEqual({ primary: "Alice" });
  });

  it("falls back to the stored label, then to nothing", () => {
    expect(displayLabel(makeCode({ recipient: "+1555", label: "x@y.z" }), labels)).toEqual({
      primary: "x@y.z",
    });
    expect(displayLabel(makeCode({ recipient: "+1555", label: "" }), labels)).toEqual({
      primary: "",
    });
  });
});

describe("pinned users", () => {
  it("orders cards by name (case- and number-aware) and numbers the slots", () => {
    const pinned = pinnedUsers(labels, []);
    expect(pinned.map((p) => [p.slot, p.label])).toEqual([
      [1, "Alice"],
      [2, "bob"],
      [3, "User 9"],
      [4, "User 10"],
    ]);
    expect(pinned.every((p) => p.latest === undefined)).toBe(true);
  });

  it("follows the newest code of each number and skips notices", () => {
    const newer = makeCode({ recipient: "+61400000001", code: "222222", receivedAt: T0 + 2000 });
    const notice = makeCode({ recipient: "+61400000001", code: "", receivedAt: T0 + 3000 });
    const older = makeCode({ recipient: "+61400000001", code: "111111", receivedAt: T0 });
    const alice = pinnedUsers(labels, [notice, newer, older])[0];
    expect(alice?.latest?.code).toBe("222222");
  });
});
