import { describe, expect, it } from "vitest";
import { isEmail, shortLink, subjectLine } from "../../src/logic/email.js";
import { makeCode, makeEmail, makeEmailCode } from "../support/codes.js";

describe("emails on the page", () => {
  it("tells emails from phone codes, older phone documents included", () => {
    expect(isEmail(makeEmail())).toBe(true);
    expect(isEmail(makeCode())).toBe(false);
    expect(isEmail(makeCode({ deliveryMethod: "voice" }))).toBe(false);
    expect(isEmail(makeCode({ deliveryMethod: "email" }))).toBe(true);
  });

  it("masks the code where a subject repeats it, only while codes are masked", () => {
    const email = makeEmailCode("482913", {
      email: { subject: "482913 is your code", links: [], mainLink: null, linksTruncated: false },
    });
    expect(subjectLine(email, false)).toBe("482913 is your code");
    expect(subjectLine(email, true)).toBe("•••••• is your code");
    expect(subjectLine(makeEmail({ email: undefined }), false)).toBe("(no subject)");
  });

  it("shortens a link to its host and path, and to its host alone when masked", () => {
    const url = "https://demo.auth0.test/u/email-verification?ticket=SECRET#";
    expect(shortLink(url, false)).toBe("demo.auth0.test/u/email-verification");
    expect(shortLink(url, true)).toBe("demo.auth0.test/…");
    expect(shortLink(url, false)).not.toContain("SECRET");
  });
});
