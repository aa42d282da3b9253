// Hostile emails, generated: whatever an email-shaped body holds, the webhook
// either turns it into the two documents it stores (every stored-field rule
// kept) or refuses it with a 4xx naming the field. It never throws, and no
// refusal repeats the HTML or a link.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EMAIL_CODE_PATTERN, EMAIL_LIMITS } from "../../src/contract/email.js";
import { EMAIL_PATTERN, LIMITS } from "../../src/contract/notification.js";
import { toStoredEmail } from "../../src/webhook/email-document.js";
import { isEmailPayload, parseNotification } from "../../src/webhook/parse-request.js";
import { readEmail } from "../../src/webhook/read-email.js";

const STORED_KEYS = new Set([
  "recipient",
  "code",
  "messageText",
  "messageType",
  "deliveryMethod",
  "channel",
  "email",
  "label",
  "owners",
  "receivedAt",
  "expireAt",
  "locale",
  "user",
  "client",
  "tenant",
]);

const loose: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom("", " ", "__proto__", "a@b", "\u202eana@example.com", "ANA@EXAMPLE.COM"),
);
const htmlLike = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc
    .tuple(fc.constantFrom("p", "b", "a", "td", "span"), fc.string({ maxLength: 40 }))
    .map(
      ([tag, text]) =>
        `<${tag} href="https://t.example/${encodeURIComponent(text)}">${text} 482913</${tag}>`,
    ),
);
/** Addresses the contract takes (fast-check's own allow RFC characters it refuses). */
const address = fc.stringMatching(EMAIL_PATTERN).filter((value) => value.length <= 254);

/** Mostly valid, sometimes anything: so both outcomes are common. */
const mostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: loose, weight: 1 });
const emailLike = fc.record(
  {
    channel: fc.constant("email"),
    to: mostly(address),
    from: mostly(address),
    subject: mostly(fc.string({ maxLength: 80 })),
    html: mostly(htmlLike),
    text: mostly(fc.string({ maxLength: 80 })),
    locale: mostly(fc.constantFrom("en_US", "pt-BR")),
    messageType: mostly(fc.constantFrom("verify_email", "mfa_oob_code", "passwordless")),
    user: mostly(
      fc.record({ email: address, name: fc.string({ minLength: 1 }) }, { requiredKeys: [] }),
    ),
    tenant: mostly(fc.string({ minLength: 1, maxLength: 20 })),
  },
  { requiredKeys: ["channel", "to", "html", "messageType"] },
);

const request = (body: unknown) => ({
  method: "POST",
  header: (name: string) =>
    name.toLowerCase() === "content-type" ? "application/json" : undefined,
  rawBody: Buffer.from(JSON.stringify(body), "utf8"),
});

describe("an email-shaped body", () => {
  it("becomes two storable documents or a 4xx naming its field, never echoing the HTML", () => {
    const seen = { stored: 0, refused: 0 };
    fc.assert(
      fc.property(emailLike, (body) => {
        const parsed = parseNotification(request(body));
        const refusal = parsed.ok ? undefined : parsed.error;
        let read = undefined as ReturnType<typeof readEmail> | undefined;
        if (parsed.ok) {
          expect(isEmailPayload(parsed.value.payload)).toBe(true);
          if (!isEmailPayload(parsed.value.payload)) return;
          read = readEmail(parsed.value.payload);
        }
        const error = refusal ?? (read && !read.ok ? read.error : undefined);
        if (error) {
          expect(error.status).toBe(400);
          expect(error.field?.length ?? 0).toBeGreaterThan(0);
          expect(error.message.startsWith(`${error.field}:`), error.message).toBe(true);
          if (typeof body.html === "string" && body.html.length > 3) {
            expect(error.message).not.toContain(body.html);
          }
          seen.refused += 1;
          return;
        }
        if (!read?.ok) throw new Error("neither stored nor refused");
        const { code, body: stored } = toStoredEmail(
          read.value.payload,
          read.value.extraction,
          undefined,
          {
            receivedAt: 1,
            expireAt: 2,
          },
        );
        for (const key of Object.keys(code)) expect(STORED_KEYS.has(key), key).toBe(true);
        expect(code.recipient).toMatch(EMAIL_PATTERN);
        expect(code.recipient).toBe(code.recipient.toLowerCase());
        expect(code.code === "" || EMAIL_CODE_PATTERN.test(code.code)).toBe(true);
        expect(code.email?.links.length).toBeLessThanOrEqual(EMAIL_LIMITS.maxLinks);
        expect(code.label.length).toBeGreaterThan(0);
        for (const name of code.owners ?? []) expect(name).toBe(name.trim().toLowerCase());
        expect(Object.keys(stored).sort()).toEqual(
          "text" in stored ? ["expireAt", "html", "text"] : ["expireAt", "html"],
        );
        expect(Buffer.byteLength(stored.html)).toBeLessThanOrEqual(LIMITS.maxEmailBodyBytes);
        // Every value is something Firestore stores: no undefined, functions or symbols.
        expect(JSON.parse(JSON.stringify(code))).toEqual(code);
        seen.stored += 1;
      }),
      { numRuns: 300 },
    );
    // Both outcomes were exercised, not only refusals.
    expect(seen.stored).toBeGreaterThan(10);
    expect(seen.refused).toBeGreaterThan(10);
  });
});
