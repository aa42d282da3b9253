import { describe, expect, it } from "vitest";
import { codeMatches, matchesFilter, parseFilter } from "../../src/logic/filter.js";
import { makeCode } from "../support/codes.js";

const match = (query: string, texts: string[] = ["Alice", "alice@example.com"]) =>
  matchesFilter("+61400000001", texts, parseFilter(query));

describe("filter", () => {
  it("matches everything when empty", () => {
    expect(match("")).toBe(true);
    expect(match("   ")).toBe(true);
  });

  it("matches labels case-insensitively, every word", () => {
    expect(match("ali")).toBe(true);
    expect(match("ALICE example")).toBe(true);
    expect(match("alice bob")).toBe(false);
  });

  it("matches numbers whatever their formatting", () => {
    expect(match("+61 400 000 001")).toBe(true);
    expect(match("61400")).toBe(true);
    expect(match("0400 000 001")).toBe(true);
    expect(match("(0400)")).toBe(true);
    expect(match("0401")).toBe(false);
    expect(match("0")).toBe(true);
    expect(match("9")).toBe(false);
  });

  it("looks at the user's email and name on a code", () => {
    const code = makeCode({ user: { email: "carol@example.com", name: "Carol C" } });
    expect(codeMatches(code, { primary: "" }, parseFilter("carol"))).toBe(true);
    expect(codeMatches(code, { primary: "" }, parseFilter("dave"))).toBe(false);
  });
});
