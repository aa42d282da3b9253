import { describe, expect, it } from "vitest";
import { parseAccessCommand } from "./command.js";

describe("parseAccessCommand", () => {
  it("parses add with addresses and domains", () => {
    expect(parseAccessCommand(["add", "Alice@Example.com", "@Example.org"])).toEqual({
      action: "add",
      entries: [
        { kind: "email", value: "alice@example.com" },
        { kind: "domain", value: "example.org" },
      ],
    });
  });

  it("parses remove, list and public on|off", () => {
    expect(parseAccessCommand(["remove", "@example.com"])).toEqual({
      action: "remove",
      entries: [{ kind: "domain", value: "example.com" }],
    });
    expect(parseAccessCommand(["list"])).toEqual({ action: "list" });
    expect(parseAccessCommand(["public", "on"])).toEqual({ action: "public", enabled: true });
    expect(parseAccessCommand(["public", "off"])).toEqual({ action: "public", enabled: false });
  });

  it("answers help with no command, help or --help", () => {
    expect(parseAccessCommand([])).toEqual({ action: "help" });
    expect(parseAccessCommand(["help"])).toEqual({ action: "help" });
    expect(parseAccessCommand(["--help"])).toEqual({ action: "help" });
    expect(parseAccessCommand(["list", "-h"])).toEqual({ action: "help" });
  });

  it.each([
    [["add"], /needs at least one/],
    [["remove"], /needs at least one/],
    [["add", "example.com"], /@example\.com/],
    [["add", "alice@example.com", "not-an-address"], /neither an email address/],
    [["list", "extra"], /takes no arguments/],
    [["public"], /exactly "on" or "off"/],
    [["public", "yes"], /exactly "on" or "off"/],
    [["public", "on", "now"], /exactly "on" or "off"/],
    [["grant", "alice@example.com"], /Unknown command "grant"/],
    [["list", "--force"], /Unknown option/],
  ])("rejects %j", (argv, message) => {
    expect(() => parseAccessCommand(argv)).toThrow(message);
  });
});
