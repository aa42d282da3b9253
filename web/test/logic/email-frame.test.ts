import { describe, expect, it } from "vitest";
import { EMAIL_FRAME_CSP, EMAIL_FRAME_SANDBOX, emailSrcdoc } from "../../src/logic/email-frame.js";

describe("the email frame's document", () => {
  const html =
    '<html><head><base target="_self"></head><body><a href="https://x.test/">Go</a></body></html>';
  const srcdoc = emailSrcdoc(html);

  it("starts with the strict CSP, no referrer and new-tab links, before any of the email", () => {
    const csp = `<meta http-equiv="Content-Security-Policy" content="${EMAIL_FRAME_CSP}">`;
    expect(EMAIL_FRAME_CSP).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:",
    );
    const email = srcdoc.indexOf(html);
    for (const head of [
      csp,
      '<meta name="referrer" content="no-referrer">',
      '<base target="_blank">',
    ]) {
      expect(srcdoc.indexOf(head)).toBeGreaterThan(-1);
      expect(srcdoc.indexOf(head)).toBeLessThan(email);
    }
    // The email's own base comes second, and the first one wins.
    expect(srcdoc.indexOf('<base target="_blank">')).toBeLessThan(srcdoc.indexOf("_self"));
  });

  it("is sandboxed without scripts, same origin, forms or top navigation", () => {
    const flags = EMAIL_FRAME_SANDBOX.split(" ");
    expect(flags.sort()).toEqual(["allow-popups", "allow-popups-to-escape-sandbox"]);
  });
});
