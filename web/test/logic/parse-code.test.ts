import { describe, expect, it } from "vitest";
import { parseStoredCode } from "../../src/logic/parse-code.js";

const ts = (ms: number) => ({ toMillis: () => ms });

describe("parsing stored codes", () => {
  it("turns a stored document into plain values", () => {
    const result = parseStoredCode(
      "abc",
      {
        recipient: "+61400000001",
        code: "123456",
        messageText: "Your code is 123456",
        messageType: "otp_enroll",
        deliveryMethod: "voice",
        label: "alice@example.com",
        receivedAt: ts(1000),
        expireAt: ts(601_000),
        locale: "en_AU",
        user: { id: "auth0|1", email: "alice@example.com", extra: 5 },
        client: { name: "Demo app" },
        tenant: "demo",
      },
      600_000,
    );
    expect(result).toEqual({
      ok: true,
      code: {
        id: "abc",
        recipient: "+61400000001",
        code: "123456",
        messageText: "Your code is 123456",
        messageType: "otp_enroll",
        deliveryMethod: "voice",
        label: "alice@example.com",
        receivedAt: 1000,
        expireAt: 601_000,
        locale: "en_AU",
        user: { id: "auth0|1", email: "alice@example.com" },
        client: { name: "Demo app" },
        tenant: "demo",
      },
    });
  });

  it("fills defaults for optional fields and derives a missing expireAt", () => {
    const result = parseStoredCode("n", { recipient: "+1555", receivedAt: ts(0) }, 600_000);
    expect(result.ok && result.code).toMatchObject({
      code: "",
      messageText: "",
      messageType: "otp_verify",
      deliveryMethod: "text",
      label: "",
      expireAt: 600_000,
    });
    expect(result.ok && "user" in result.code).toBe(false);
    expect(result.ok && "probe" in result.code).toBe(false);
  });

  it("keeps the doctor's test-notice mark, and only a true one", () => {
    const stored = { recipient: "+10000000000", code: "424242", receivedAt: ts(0) };
    const marked = parseStoredCode("p", { ...stored, probe: true }, 600_000);
    expect(marked.ok && marked.code.probe).toBe(true);
    const odd = parseStoredCode("q", { ...stored, probe: "true" }, 600_000);
    expect(odd.ok && "probe" in odd.code).toBe(false);
  });

  it("rejects documents without a recipient or a timestamp, naming the document", () => {
    expect(parseStoredCode("x", { receivedAt: ts(0) }, 1)).toEqual({
      ok: false,
      reason: "otpCodes/x has no recipient",
    });
    expect(parseStoredCode("y", { recipient: "+1", receivedAt: "yesterday" }, 1)).toEqual({
      ok: false,
      reason: "otpCodes/y has no receivedAt",
    });
  });

  it("reads an email: its address, channel, any message type and its email part", () => {
    const link = { url: "https://demo.auth0.test/u/email-verification?ticket=T1#", text: "Verify" };
    const result = parseStoredCode(
      "e1",
      {
        recipient: "alice@example.com",
        code: "",
        messageText: "",
        messageType: "passwordless_link_v2",
        deliveryMethod: "email",
        channel: "email",
        label: "alice@example.com",
        owners: ["alice@example.com"],
        email: {
          subject: "Sign in to Demo",
          from: "Demo <no-reply@demo.test>",
          links: [link, { url: "javascript:alert(1)", text: "x" }, { text: "no url" }],
          mainLink: link,
          linksTruncated: false,
          futureField: 1,
        },
        receivedAt: ts(1000),
        expireAt: ts(601_000),
        somethingNew: true,
      },
      600_000,
    );
    expect(result.ok && result.code).toMatchObject({
      recipient: "alice@example.com",
      deliveryMethod: "email",
      channel: "email",
      messageType: "passwordless_link_v2",
      email: {
        subject: "Sign in to Demo",
        from: "Demo <no-reply@demo.test>",
        links: [link],
        mainLink: link,
        linksTruncated: false,
      },
    });
    expect(result.ok && result.code.email && "futureField" in result.code.email).toBe(false);
  });

  it("never hands the page a link it could not click safely", () => {
    const result = parseStoredCode(
      "e2",
      {
        recipient: "bob@example.com",
        deliveryMethod: "email",
        channel: "email",
        receivedAt: ts(0),
        email: {
          subject: "Reset",
          links: [],
          mainLink: { url: "data:text/html,<script>alert(1)</script>", text: "Reset" },
        },
      },
      600_000,
    );
    expect(result.ok && result.code.email?.mainLink).toBeNull();
  });

  it("gives an email that lost its email part an empty one instead of dropping it", () => {
    const result = parseStoredCode(
      "e3",
      { recipient: "bob@example.com", code: "123456", channel: "email", receivedAt: ts(0) },
      600_000,
    );
    expect(result.ok && result.code.email).toEqual({
      subject: "",
      links: [],
      mainLink: null,
      linksTruncated: false,
    });
  });

  it("leaves older phone documents as they were: no channel, no email part", () => {
    const result = parseStoredCode(
      "p1",
      { recipient: "+61400000001", code: "123456", receivedAt: ts(0) },
      600_000,
    );
    expect(result.ok && "channel" in result.code).toBe(false);
    expect(result.ok && "email" in result.code).toBe(false);
  });
});
