// firebase.json's Hosting headers as production gets them, read from the file:
// the strict page headers reach the page's own paths and nothing else (not
// Firebase's reserved /__/auth/ pages, which Google sign-in frames), and the
// production policy names no address on the visitor's machine. The emulator
// serving them is tested in hosting-headers.stack.test.ts.
import { readFirebaseJson } from "@sms-inbox/operator/cli/repo-facts";
import { describe, expect, it } from "vitest";

interface Rule {
  source?: string;
  regex?: string;
  headers: { key: string; value: string }[];
}

const rules = (readFirebaseJson().hosting as { headers: Rule[] }).headers;
const STRICT = ["Content-Security-Policy", "X-Frame-Options"];

/** The rules that set one of the strict headers, as a matcher of request paths. */
const strict = rules.filter((rule) => rule.headers.some((h) => STRICT.includes(h.key)));
const strictFor = (path: string) =>
  strict.some((rule) =>
    rule.regex !== undefined
      ? new RegExp(rule.regex).test(path)
      : rule.source === "**" || rule.source === path,
  );

describe("firebase.json's Hosting headers", () => {
  it("give the page's own paths the strict headers", () => {
    for (const path of ["/", "/index.html", "/otp", "/favicon.svg"]) {
      expect(strictFor(path), path).toBe(true);
    }
  });

  it("leave Firebase's reserved sign-in pages and the API to themselves", () => {
    expect(strict.map((rule) => rule.source)).not.toContain("**");
    for (const path of [
      "/__/auth/iframe",
      "/__/auth/handler",
      "/__/firebase/init.json",
      "/api/otp",
    ]) {
      expect(strictFor(path), path).toBe(false);
    }
  });

  it("send HSTS on every path", () => {
    const everywhere = rules.find((rule) => rule.source === "**");
    expect(everywhere?.headers.map((h) => h.key)).toEqual(["Strict-Transport-Security"]);
  });

  it("let the production page reach Google's services only, nothing on the visitor's machine", () => {
    const policies = rules.flatMap((rule) =>
      rule.headers.filter((h) => h.key === "Content-Security-Policy").map((h) => h.value),
    );
    expect(policies.length).toBeGreaterThan(0);
    for (const policy of policies) {
      expect(policy).not.toMatch(/127\.0\.0\.1|localhost|\[::1\]|http:/);
      const connect = /connect-src ([^;]*)/.exec(policy)?.[1]?.trim().split(/\s+/);
      expect(connect).toEqual([
        "'self'",
        "https://firestore.googleapis.com",
        "https://identitytoolkit.googleapis.com",
        "https://securetoken.googleapis.com",
      ]);
    }
  });
});
