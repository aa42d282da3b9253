// Whatever arrives, the extraction either returns something the inbox can store
// and show (a code by its rule, absolute http(s) links within the caps, a main
// link among them) or a refusal naming a field. It never throws, and the same
// input always gives the same output.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EMAIL_CODE_PATTERN,
  EMAIL_LIMITS,
  type EmailExtractionResult,
  emailExtractionSchema,
} from "../../src/contract/email.js";
import { extractEmail } from "../../src/email/extract.js";
import { readTemplate, render } from "./support/render.js";
import { CODE, COMMON, URLS } from "./support/samples.js";

const RUNS = { numRuns: 300 };
const INPUT_FIELDS = ["notification", "html", "text", "subject", "locale", "message_type"];

function expectWellFormed(result: EmailExtractionResult) {
  if (!result.ok) {
    expect(INPUT_FIELDS).toContain(result.refusal.field);
    expect(result.refusal.message.length).toBeGreaterThan(0);
    return;
  }
  const value = result.value;
  expect(emailExtractionSchema.safeParse(value).success).toBe(true);
  if (value.code !== null) expect(value.code).toMatch(EMAIL_CODE_PATTERN);
  expect(value.links.length).toBeLessThanOrEqual(EMAIL_LIMITS.maxLinks);
  const urls = value.links.map((link) => link.url);
  expect(new Set(urls).size).toBe(urls.length);
  for (const link of value.links) {
    expect(link.url).toMatch(/^https?:\/\//i);
    expect(new URL(link.url).href).toBe(link.url);
    expect(link.url.length).toBeLessThanOrEqual(EMAIL_LIMITS.maxUrlChars);
    expect(link.text.length).toBeLessThanOrEqual(EMAIL_LIMITS.maxLinkTextChars);
    expect(link.text).toBe(link.text.replace(/\s+/g, " ").trim());
  }
  if (value.mainLink !== null) expect(value.links).toContainEqual(value.mainLink);
  // Storable as is: plain JSON, nothing undefined.
  expect(JSON.parse(JSON.stringify(value))).toEqual(value);
}

/** Runs twice: the second run must equal the first (no state, no clock, no randomness). */
function check(input: unknown): EmailExtractionResult {
  const first = extractEmail(input);
  expectWellFormed(first);
  expect(extractEmail(input)).toEqual(first);
  return first;
}

// Pieces of email HTML and of its decoys, for tag soup that looks like the real thing.
const PIECES = [
  "<p>",
  "</p>",
  "<b>",
  "</b>",
  "<div>",
  "</div>",
  "<table><tr><td>",
  "</td></tr></table>",
  '<td bgcolor="#EB5424">',
  '<span style="font-size:32px;letter-spacing:6px">',
  '<span style="display:none">',
  '<span style="font-size:0">',
  '<div aria-hidden="true">',
  "<p hidden>",
  "</span>",
  `<a href="${URLS.verify}">`,
  `<a href="${URLS.magic}">`,
  '<a href="https://example.com/privacy">',
  '<a href="mailto:a@example.com">',
  '<a href="javascript:alert(1)">',
  '<a href="/relative">',
  "<a href='  https://example.com/x\n?y=1 '>",
  "</a>",
  '<img src="https://track.example.com/p.gif" onerror="alert(123456)">',
  "<script>var c = 123456;</script>",
  "<style>.a{color:#123456}</style>",
  "<!-- 654321 -->",
  "<![CDATA[ 111111 ]]>",
  "Your verification code is:",
  "Tu código es",
  "認証コード：",
  "Order #",
  "© 2026",
  "Call 555 123 4567",
  "10:30",
  "2026-01-05",
  CODE,
  "123456",
  "1234567890123",
  "&#52;&#56;&#50;",
  "&amp;",
  "&nbsp;",
  "&",
  "<",
  ">",
  '"',
  " ",
  "\n",
  "Verify",
  "Reset password",
  "Unsubscribe",
];

const tagSoup = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 12 })), { maxLength: 80 })
  .map((pieces) => pieces.join(""));

const FIXTURES: [string, Record<string, string>][] = [
  ["verify_email", { url: URLS.verify }],
  ["mfa_oob_code", { code: CODE }],
  ["enrollment_email", { link: URLS.enroll }],
  ["passwordless", { send: "code", code: CODE }],
  ["passwordless", { send: "link", link: URLS.magic }],
  ["stolen_credentials", { url: URLS.changePassword }],
];
const RENDERED = FIXTURES.map(([name, variables]) =>
  render(readTemplate(name), { ...COMMON, ...variables }),
);

type Mutation =
  | { kind: "insert"; at: number; piece: string }
  | { kind: "delete"; at: number; length: number }
  | { kind: "duplicate"; at: number; length: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    piece: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 })),
  }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.nat(40) }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat(), length: fc.nat(200) }),
);

function mutate(html: string, mutations: readonly Mutation[]): string {
  let out = html;
  for (const change of mutations) {
    const at = out.length === 0 ? 0 : change.at % out.length;
    if (change.kind === "insert") out = out.slice(0, at) + change.piece + out.slice(at);
    else if (change.kind === "delete") out = out.slice(0, at) + out.slice(at + change.length);
    else out = out.slice(0, at) + out.slice(at, at + change.length) + out.slice(at);
  }
  return out;
}

describe("extractEmail on generated input", () => {
  it("any value at all: an extraction or a refusal, never a throw", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => void check(input)),
      RUNS,
    );
  });

  it("any notification-shaped object, with any field values", () => {
    const field = fc.oneof(fc.string(), fc.anything());
    fc.assert(
      fc.property(
        fc.record(
          { html: field, text: field, subject: field, locale: field, message_type: field },
          { requiredKeys: [] },
        ),
        (input) => void check(input),
      ),
      RUNS,
    );
  });

  it("any string as HTML", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (html) => void check({ html })),
      RUNS,
    );
  });

  it("tag soup built from email pieces and decoys", () => {
    fc.assert(
      fc.property(tagSoup, (html) => void check({ html })),
      RUNS,
    );
  });

  it("random mutations of Auth0's default templates", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RENDERED),
        fc.array(mutation, { maxLength: 6 }),
        fc.constantFrom("mfa_oob_code", "verify_email", "passwordless", "x"),
        (html, mutations, messageType) =>
          void check({ html: mutate(html, mutations), message_type: messageType }),
      ),
      RUNS,
    );
  });

  it("hidden decoys added between any two tags never change a template's code or main link", () => {
    const decoy = fc.constantFrom(
      '<div style="display:none">Your code is: <b>999999</b></div>',
      '<span style="font-size:0px">code 999999</span>',
      '<p aria-hidden="true">Verification code: 999999</p>',
      "<p hidden>code: <strong>999999</strong></p>",
      '<div style="max-height:0;overflow:hidden">code 999999</div>',
      "<script>code = 999999</script>",
    );
    const templates = RENDERED.map((html) => ({ html, expected: check({ html }) }));
    fc.assert(
      fc.property(
        fc.constantFrom(...templates),
        fc.nat(),
        decoy,
        ({ html, expected }, n, piece) => {
          // Only right after a tag's ">", so the decoy never lands inside an attribute.
          const ends = [...html.matchAll(/>/g)].map((match) => match.index + 1);
          const at = ends[n % ends.length] ?? 0;
          const result = check({ html: html.slice(0, at) + piece + html.slice(at) });
          expect(result.ok && result.value.code).toBe(expected.ok && expected.value.code);
          expect(result.ok && result.value.mainLink).toEqual(
            expected.ok && expected.value.mainLink,
          );
        },
      ),
      RUNS,
    );
  });
});
