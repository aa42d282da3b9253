// The extraction never touches the network and never logs: a verification or
// reset link is a one-time ticket, and a mail scanner that "pre-clicks" it
// spends it. Checked at run time (no fetch, no console) and in the source (no
// module that could reach the network or the logs is imported).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { extractEmail } from "../../src/email/extract.js";
import { renderFixture } from "./support/render.js";
import { CODE, COMMON, URLS } from "./support/samples.js";

const EMAIL_SRC = join(import.meta.dirname, "..", "..", "src", "email");

describe("the extraction's purity", () => {
  it("calls neither fetch nor the console on emails full of links", () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const logSpies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
      vi.spyOn(console, level),
    );
    for (const [name, variables] of [
      ["verify_email", { url: URLS.verify }],
      ["enrollment_email", { link: URLS.enroll }],
      ["passwordless", { send: "link", link: URLS.magic }],
      ["mfa_oob_code", { code: CODE }],
    ] as const) {
      extractEmail({ html: renderFixture(name, { ...COMMON, ...variables }) });
    }
    expect(fetchSpy).not.toHaveBeenCalled();
    for (const spy of logSpies) expect(spy).not.toHaveBeenCalled();
  });

  it("imports nothing that reaches the network, the logs or the clock", () => {
    for (const file of readdirSync(EMAIL_SRC)) {
      const source = readFileSync(join(EMAIL_SRC, file), "utf8");
      const imports = [...source.matchAll(/from "([^"]+)"/g)].map((match) => match[1]);
      for (const name of imports) {
        expect(name === "htmlparser2" || name?.startsWith("."), `${file} imports ${name}`).toBe(
          true,
        );
      }
      expect(source, file).not.toMatch(/\b(fetch|console|XMLHttpRequest|Date\.now|Math\.random)\b/);
    }
  });
});
