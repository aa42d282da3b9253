import { describe, expect, it } from "vitest";
import {
  AccessInputError,
  accessConfigFromData,
  addEntries,
  parseAccessEntry,
  removeEntries,
} from "./access-list.js";

describe("parseAccessEntry", () => {
  it("reads an address, lower-cased and trimmed", () => {
    expect(parseAccessEntry("  Alice.Smith+demo@Example.COM ")).toEqual({
      kind: "email",
      value: "alice.smith+demo@example.com",
    });
  });

  it("reads @domain as the whole domain, lower-cased", () => {
    expect(parseAccessEntry("@Example.com")).toEqual({ kind: "domain", value: "example.com" });
    expect(parseAccessEntry("@mail.example.co.uk")).toEqual({
      kind: "domain",
      value: "mail.example.co.uk",
    });
  });

  it.each([
    ["", /Empty entry/],
    ["   ", /Empty entry/],
    ["example.com", /neither an email address nor a domain.*@example\.com/],
    ["alice", /neither an email address nor a domain/],
    ["@", /not name a valid domain/],
    ["@com", /not name a valid domain/],
    ["@example..com", /not name a valid domain/],
    ["@-example.com", /not name a valid domain/],
    ["@example-.com", /not name a valid domain/],
    ["@example.com.", /not name a valid domain/],
    ["@exa mple.com", /not name a valid domain/],
    ["@*.example.com", /not name a valid domain/],
    ["@example.com@evil.io", /not name a valid domain/],
    ["@10.0.0.1", /IP address/],
    ["@bücher.example", /xn--/],
    ["@example.com/evil", /not name a valid domain/],
    [`@${"a".repeat(64)}.com`, /not name a valid domain/],
    ["alice@", /not name a valid domain/],
    ["@alice@example.com", /not name a valid domain/],
    ["alice@@example.com", /not a valid email address/],
    [".alice@example.com", /not a valid email address/],
    ["alice.@example.com", /not a valid email address/],
    ["al..ice@example.com", /not a valid email address/],
    ['"alice"@example.com', /not a valid email address/],
    ["al ice@example.com", /not a valid email address/],
    [`${"a".repeat(65)}@example.com`, /not a valid email address/],
    ["alice@localhost", /not name a valid domain/],
  ])("rejects %j", (input, message) => {
    expect(() => parseAccessEntry(input)).toThrow(AccessInputError);
    expect(() => parseAccessEntry(input)).toThrow(message);
  });
});

describe("accessConfigFromData", () => {
  it("treats a missing document as an empty list", () => {
    expect(accessConfigFromData(undefined)).toEqual({ emails: [], domains: [] });
  });

  it("normalises hand-edited values: case, space, duplicates, order", () => {
    expect(
      accessConfigFromData({
        emails: ["Bob@Example.com ", "alice@example.com", "bob@example.com"],
        domains: ["EXAMPLE.org"],
      }),
    ).toEqual({ emails: ["alice@example.com", "bob@example.com"], domains: ["example.org"] });
  });

  it("accepts a document with only one of the lists", () => {
    expect(accessConfigFromData({ domains: ["example.com"] })).toEqual({
      emails: [],
      domains: ["example.com"],
    });
  });

  it("refuses values that are not lists of strings instead of dropping them", () => {
    expect(() => accessConfigFromData({ emails: "alice@example.com" })).toThrow(
      /emails is not a list/,
    );
    expect(() => accessConfigFromData({ domains: ["example.com", 42] })).toThrow(
      /domains is not a list/,
    );
    expect(() => accessConfigFromData("nope")).toThrow(/not a map/);
  });
});

describe("addEntries / removeEntries", () => {
  const start = { emails: ["bob@example.org"], domains: [] };

  it("adds new entries sorted and reports those already there", () => {
    const result = addEntries(start, [
      parseAccessEntry("alice@example.com"),
      parseAccessEntry("BOB@example.org"),
      parseAccessEntry("@example.com"),
      parseAccessEntry("@example.com"),
    ]);
    expect(result.config).toEqual({
      emails: ["alice@example.com", "bob@example.org"],
      domains: ["example.com"],
    });
    expect(result.changed.map((entry) => entry.value)).toEqual([
      "alice@example.com",
      "example.com",
    ]);
    expect(result.unchanged.map((entry) => entry.value)).toEqual([
      "bob@example.org",
      "example.com",
    ]);
  });

  it("keeps an address and a domain apart", () => {
    const result = addEntries(start, [parseAccessEntry("@example.org")]);
    expect(result.config).toEqual({ emails: ["bob@example.org"], domains: ["example.org"] });
  });

  it("removes entries and reports those that were not there", () => {
    const config = { emails: ["alice@example.com", "bob@example.org"], domains: ["example.com"] };
    const result = removeEntries(config, [
      parseAccessEntry("Alice@Example.com"),
      parseAccessEntry("@example.org"),
    ]);
    expect(result.config).toEqual({ emails: ["bob@example.org"], domains: ["example.com"] });
    expect(result.changed.map((entry) => entry.value)).toEqual(["alice@example.com"]);
    expect(result.unchanged.map((entry) => entry.value)).toEqual(["example.org"]);
  });

  it("does not change its input", () => {
    const config = { emails: ["alice@example.com"], domains: [] };
    removeEntries(config, [parseAccessEntry("alice@example.com")]);
    addEntries(config, [parseAccessEntry("@example.com")]);
    expect(config).toEqual({ emails: ["alice@example.com"], domains: [] });
  });
});
