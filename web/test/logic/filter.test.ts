import { describe, expect, it } from "vitest";
import { codeMatches, isEmptyFilter, matchesFilter, parseFilter } from "../../src/logic/filter.js";
import { EMPTY_EMAIL } from "../../src/logic/parse-email.js";
import { makeCode, makeEmail } from "../support/codes.js";

const match = (query: string, phone = "+61400000001", texts = ["Alice", "alice@example.com"]) =>
  matchesFilter(phone, texts, parseFilter(query));

describe("filter", () => {
  it("matches everything when empty", () => {
    expect(isEmptyFilter(parseFilter("   "))).toBe(true);
    expect(codeMatches(makeCode(), { primary: "" }, parseFilter(""))).toBe(true);
  });

  it("matches labels case-insensitively, every word", () => {
    expect(match("ali")).toBe(true);
    expect(match("ALICE example")).toBe(true);
    expect(match("alice bob")).toBe(false);
  });

  it("matches a number whatever its formatting", () => {
    expect(match("+61 400 000 001")).toBe(true);
    expect(match("61400")).toBe(true);
    expect(match("0400 000 001")).toBe(true);
    expect(match("(0400) 000-001")).toBe(true);
    expect(match("0061 400")).toBe(true);
    expect(match("0401")).toBe(false);
  });

  it("does not let a national trunk zero match unrelated numbers", () => {
    expect(match("0400 000 001", "+61400000002")).toBe(false);
    expect(match("001", "+61400000002")).toBe(false);
    expect(match("001", "+61400000001")).toBe(true);
    expect(match("+0001", "+61400000001")).toBe(false);
  });

  it("reads a leading + as the start of the number", () => {
    expect(match("+61 4")).toBe(true);
    expect(match("+4")).toBe(false);
  });

  it("mixes words and number parts", () => {
    expect(match("alice 0400")).toBe(true);
    expect(match("alice 0500")).toBe(false);
  });

  it("looks at the user's email and name on a code", () => {
    const code = makeCode({ user: { email: "carol@example.com", name: "Carol C" } });
    expect(codeMatches(code, { primary: "" }, parseFilter("carol"))).toBe(true);
    expect(codeMatches(code, { primary: "" }, parseFilter("dave"))).toBe(false);
  });

  it("finds an email by its address and its subject", () => {
    const email = makeEmail({ messageType: "reset_email" });
    const reset = {
      ...email,
      email: { ...(email.email ?? EMPTY_EMAIL), subject: "Reset your password" },
    };
    expect(codeMatches(reset, { primary: "" }, parseFilter("reset"))).toBe(true);
    expect(codeMatches(reset, { primary: "" }, parseFilter("alice@example"))).toBe(true);
    expect(codeMatches(reset, { primary: "" }, parseFilter("invitation"))).toBe(false);
  });
});
