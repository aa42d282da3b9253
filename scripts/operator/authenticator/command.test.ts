import { describe, expect, it } from "vitest";
import { UsageError } from "../cli/command.js";
import { parseAuthenticatorCommand } from "./command.js";

const KEY = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

describe("parseAuthenticatorCommand", () => {
  it("reads add with the secret from stdin, an env var or the command line", () => {
    expect(parseAuthenticatorCommand(["add", "Alice@Example.COM", "--stdin"])).toEqual({
      action: "add",
      person: {
        key: "user:alice@example.com",
        label: "alice@example.com",
        email: "alice@example.com",
      },
      source: { kind: "stdin" },
      replace: false,
    });
    expect(parseAuthenticatorCommand(["add", "Demo Owner", "--env", "TOTP", "--replace"])).toEqual({
      action: "add",
      person: { key: "user:demo owner", label: "Demo Owner" },
      source: { kind: "env", name: "TOTP" },
      replace: true,
    });
    expect(parseAuthenticatorCommand(["add", "bob@example.com", KEY])).toMatchObject({
      source: { kind: "argument", value: KEY },
    });
  });

  it("reads remove and list, and help", () => {
    expect(parseAuthenticatorCommand(["remove", "bob@example.com"])).toMatchObject({
      action: "remove",
      person: { key: "user:bob@example.com" },
    });
    expect(parseAuthenticatorCommand(["list"])).toEqual({ action: "list" });
    expect(parseAuthenticatorCommand([])).toEqual({ action: "help" });
    expect(parseAuthenticatorCommand(["add", "--help"])).toEqual({ action: "help" });
  });

  it.each<[string, string[], RegExp]>([
    ["no secret", ["add", "alice@example.com"], /needs the secret: pass --stdin/],
    ["two sources", ["add", "alice@example.com", KEY, "--stdin"], /one way/],
    ["stdin and env", ["add", "alice@example.com", "--stdin", "--env", "X"], /one way/],
    [
      "a value given to --env",
      ["add", "alice@example.com", "--env", `${KEY.slice(0, 8)}==`],
      /name of an environment variable/,
    ],
    ["no user", ["add"], /needs the secret|email or label/],
    ["an empty user", ["add", " ", "--stdin"], /email or label \(1–200/],
    ["extra arguments", ["add", "a@example.com", KEY, "more"], /at most one secret/],
    ["remove with two users", ["remove", "a@example.com", "b@example.com"], /one user/],
    ["remove without a user", ["remove"], /needs the demo user/],
    ["list with arguments", ["list", "x"], /no arguments/],
    ["--stdin with remove", ["remove", "a@example.com", "--stdin"], /belong to "add"/],
    ["an unknown command", ["enrol", "a@example.com"], /Unknown command "enrol"/],
    ["an unknown option", ["add", "a@example.com", "--secret", KEY], /Unknown option/],
  ])("refuses %s with the usage", (_what, argv, message) => {
    let thrown: unknown;
    try {
      parseAuthenticatorCommand(argv);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).toMatch(/Usage: npm run authenticator/);
    // A secret typed in the wrong place is never repeated back.
    expect((thrown as Error).message).not.toContain(KEY.slice(0, 8));
  });
});
