import { describe, expect, it } from "vitest";
import { UsageError } from "../cli/command.js";
import { parseWaitArgs } from "./wait-for-code-args.js";

const noLocalToken = (): string | undefined => undefined;
const parse = (argv: string[], env: NodeJS.ProcessEnv = {}, local = noLocalToken) =>
  parseWaitArgs(argv, env, local);

describe("parseWaitArgs", () => {
  it("waits on Firestore when no inbox URL is given, 30 s, only new codes", () => {
    expect(parse(["owner@atko.email"])).toEqual({
      target: { kind: "user", user: "owner@atko.email" },
      asked: "owner@atko.email",
      timeoutMs: 30_000,
      sinceSeconds: undefined,
      channel: undefined,
      types: undefined,
      link: false,
      json: false,
      source: { kind: "firestore" },
    });
  });

  it("uses the codes API with --url or SMS_INBOX_URL and the token from SMS_INBOX_READ_TOKEN", () => {
    const env = { SMS_INBOX_READ_TOKEN: "tok-0123456789abcdef" };
    expect(parse(["+61400000001", "--url", "https://inbox.web.app", "--json"], env)).toMatchObject({
      target: { kind: "number", phoneNumber: "+61400000001" },
      json: true,
      source: { kind: "http", baseUrl: "https://inbox.web.app/", token: "tok-0123456789abcdef" },
    });
    expect(parse(["a"], { ...env, SMS_INBOX_URL: "https://other.web.app" })?.source).toMatchObject({
      baseUrl: "https://other.web.app/",
    });
  });

  it("reads a local inbox's token from disk, never for another host", () => {
    const local = () => "local-token-0123456789";
    expect(parse(["a", "--url", "http://127.0.0.1:5000/"], {}, local)?.source).toMatchObject({
      token: "local-token-0123456789",
    });
    expect(() => parse(["a", "--url", "https://inbox.web.app"], {}, local)).toThrow(
      /SMS_INBOX_READ_TOKEN/,
    );
  });

  it("never sends the token in the clear to another machine", () => {
    const env = { SMS_INBOX_READ_TOKEN: "tok-0123456789abcdef" };
    expect(() => parse(["a", "--url", "http://inbox.example.com"], env)).toThrow(/in the clear/);
  });

  it.each([
    [[], /whose code/],
    [["a", "b"], /whose code/],
    [["+0400"], /E\.164/],
    [["a", "--timeout", "0"], /--timeout/],
    [["a", "--timeout", "soon"], /--timeout/],
    [["a", "--since", "-5"], /--since/],
    [["a", "--type", "sms"], /--type: unknown message type "sms"/],
    [["a", "--type", "verify_email"], /--type: .*channel email/],
    [["a", "--channel", "sms", "--type", "mfa_oob_code"], /--type: .*channel email/],
    [
      ["a", "--channel", "email", "--type", "verify email"],
      /--type: "verify email" is not a message type/,
    ],
    [["a", "--channel", "fax"], /--channel must be one of sms, voice, email/],
    [["a", "--channel", "sms", "--link"], /--link .* needs --channel email/],
    [["+61400000001", "--channel", "email"], /address it was sent to/],
    [["a", "--url", "not a url"], /not a URL/],
    [["a", "--colour"], /Unknown option/],
  ])("refuses %j as a usage error", (argv, message) => {
    expect(() => parse(argv as string[], { SMS_INBOX_READ_TOKEN: "t" })).toThrow(UsageError);
    expect(() => parse(argv as string[], { SMS_INBOX_READ_TOKEN: "t" })).toThrow(message);
  });

  it("passes --since and --type on", () => {
    expect(parse(["a", "--since", "60", "--type", "otp_enroll,blocked_account"])).toMatchObject({
      sinceSeconds: 60,
      types: ["otp_enroll", "blocked_account"],
    });
    expect(parse(["--help"])).toBeNull();
  });

  it("waits for an email's code or link with --channel email and any email type", () => {
    expect(
      parse(["alice@example.com", "--channel", "email", "--type", "verify_email,passwordless.x"]),
    ).toMatchObject({ channel: "email", types: ["verify_email", "passwordless.x"], link: false });
    expect(parse(["a", "--channel", "voice"])).toMatchObject({ channel: "voice" });
  });

  it("takes --link as a wait for an email, whose main link is printed", () => {
    expect(parse(["alice@example.com", "--link", "--type", "verify_email"])).toMatchObject({
      channel: "email",
      types: ["verify_email"],
      link: true,
    });
  });

  describe("--channel authenticator", () => {
    it("asks for a computed code, with the default or a given minimum life", () => {
      expect(parse(["owner@atko.email", "--channel", "authenticator"])).toMatchObject({
        target: { kind: "user", user: "owner@atko.email" },
        channel: undefined,
        authenticator: { minValidSeconds: 5 },
        source: { kind: "firestore" },
      });
      expect(
        parse(["owner@atko.email", "--channel", "authenticator", "--min-valid-seconds", "25"])
          ?.authenticator,
      ).toEqual({ minValidSeconds: 25 });
    });

    it.each<[string[], RegExp]>([
      [["+61400000001", "--channel", "authenticator"], /belongs to a demo user/],
      [["a", "--channel", "authenticator", "--min-valid-seconds", "26"], /from 0 to 25/],
      [["a", "--channel", "authenticator", "--min-valid-seconds=-1"], /from 0 to 25/],
      [["a", "--min-valid-seconds", "5"], /goes with --channel authenticator/],
      [["a", "--channel", "authenticator", "--link"], /--link: not with --channel authenticator/],
      [["a", "--channel", "authenticator", "--type", "otp_verify"], /--type: not with/],
      [["a", "--channel", "authenticator", "--since", "30"], /--since: not with/],
      [["a", "--channel", "totp"], /sms, voice, email, authenticator/],
    ])("refuses %j", (argv, message) => {
      expect(() => parse(argv)).toThrow(UsageError);
      expect(() => parse(argv)).toThrow(message);
    });
  });
});
