// Hostile input, generated: whatever arrives, the webhook either turns it into
// a document that keeps every stored-field rule or refuses it with a 4xx that
// names what to fix. It never throws, and nothing a sender adds reaches the
// document or Object.prototype.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StoredCode } from "../../src/contract/firestore-schema.js";
import {
  DELIVERY_METHODS,
  E164_PATTERN,
  EMAIL_PATTERN,
  IDEMPOTENCY_HEADER,
  LIMITS,
  LOCALE_PATTERN,
  MESSAGE_TYPES,
  OTP_CODE_PATTERN,
  OTP_MESSAGE_TYPES,
} from "../../src/contract/notification.js";
import type { EmailWebhookPayload, OtpWebhookPayload } from "../../src/contract/webhook-payload.js";
import {
  checkMethod,
  type IncomingRequest,
  isEmailPayload,
  parseNotification,
} from "../../src/webhook/parse-request.js";
import { documentIdForKey, toStoredCode } from "../../src/webhook/to-document.js";

const RUNS = { numRuns: 500 };

const STORED_KEYS = new Set([
  "recipient",
  "code",
  "messageText",
  "messageType",
  "deliveryMethod",
  "channel",
  "label",
  "owners",
  "receivedAt",
  "expireAt",
  "locale",
  "user",
  "client",
  "tenant",
]);

/** Every rule a stored code keeps, as the page and the rules rely on them. */
function expectStorable(doc: StoredCode<number>) {
  for (const key of Object.keys(doc)) expect(STORED_KEYS.has(key), key).toBe(true);
  expect(doc.recipient).toMatch(E164_PATTERN);
  expect(MESSAGE_TYPES as readonly string[]).toContain(doc.messageType);
  expect(DELIVERY_METHODS).toContain(doc.deliveryMethod);
  if ((OTP_MESSAGE_TYPES as readonly string[]).includes(doc.messageType))
    expect(doc.code).toMatch(OTP_CODE_PATTERN);
  else expect(doc.code === "" || OTP_CODE_PATTERN.test(doc.code)).toBe(true);
  expect(typeof doc.messageText).toBe("string");
  // What the codes API's user= matches: lower-case, trimmed, never empty.
  for (const name of doc.owners ?? []) expect(name).toMatch(/^\S([\s\S]*\S)?$/);
  for (const name of doc.owners ?? []) expect(name).toBe(name.toLowerCase());
  expect(doc.messageText.length).toBeLessThanOrEqual(LIMITS.maxMessageTextChars);
  if (doc.locale !== undefined) expect(doc.locale).toMatch(LOCALE_PATTERN);
  if (doc.tenant !== undefined) {
    expect(doc.tenant.trim().length).toBeGreaterThan(0);
    expect(doc.tenant.length).toBeLessThanOrEqual(LIMITS.maxTenantChars);
  }
  const user = doc.user ?? {};
  for (const key of Object.keys(user)) expect(["id", "email", "name"]).toContain(key);
  if (user.email !== undefined) {
    expect(user.email).toMatch(EMAIL_PATTERN);
    expect(user.email.length).toBeLessThanOrEqual(LIMITS.maxEmailChars);
  }
  if (user.id !== undefined) expect(user.id.length).toBeLessThanOrEqual(LIMITS.maxUserIdChars);
  if (user.name !== undefined) expect(user.name.length).toBeLessThanOrEqual(LIMITS.maxLabelChars);
  const client = doc.client ?? {};
  for (const key of Object.keys(client)) expect(["id", "name"]).toContain(key);
  if (client.id !== undefined)
    expect(client.id.length).toBeLessThanOrEqual(LIMITS.maxClientIdChars);
  expect(doc.label.length).toBeLessThanOrEqual(LIMITS.maxEmailChars);
  // Every value is something Firestore stores: no undefined, functions or symbols.
  expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
}

/** A refusal tells the sender, in JSON-ready words, which part to fix. */
function expectClearRefusal(error: {
  status: number;
  code: string;
  message: string;
  field?: string;
}) {
  expect(error.status).toBeGreaterThanOrEqual(400);
  expect(error.status).toBeLessThan(500);
  expect(error.message.length).toBeGreaterThan(0);
  expect(error.field?.length ?? 0).toBeGreaterThan(0);
  if (error.code === "invalid_request") {
    expect(error.message.startsWith(`${error.field}:`), error.message).toBe(true);
  }
}

function request(
  raw: Buffer | string,
  headers: Record<string, string | undefined> = {},
): IncomingRequest {
  const all: Record<string, string | undefined> = {
    "content-type": "application/json",
    ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
  };
  return {
    method: "POST",
    header: (name) => all[name.toLowerCase()],
    rawBody: typeof raw === "string" ? Buffer.from(raw, "utf8") : raw,
  };
}

/** These bodies never say `"channel": "email"`: what parses is a phone payload. */
function phone(payload: OtpWebhookPayload | EmailWebhookPayload): OtpWebhookPayload {
  if (isEmailPayload(payload)) throw new Error("an email payload among phone bodies");
  return payload;
}

function check(req: IncomingRequest) {
  const result = parseNotification(req);
  if (result.ok) {
    expectStorable(
      toStoredCode(phone(result.value.payload), undefined, { receivedAt: 1, expireAt: 2 }),
    );
  } else {
    expectClearRefusal(result.error);
  }
  return result;
}

// Strings that look almost right: digits from other scripts, invisible and
// direction marks, full-width plus signs, and plain near-misses.
const tricky = fc.constantFrom(
  "+61400000001",
  "+61 400 000 001",
  "+６１４００００００01",
  "+61400000001\u200b",
  "\u202e+61400000001",
  "＋61400000001",
  "+0400000001",
  "+٦١٤٠٠٠٠٠٠٠١",
  "123456",
  "１２３４５６",
  "12345\u0000",
  "١٢٣٤٥٦",
  "12 34",
  "",
  " ",
  "__proto__",
  "constructor",
  "\ud800",
  "a".repeat(LIMITS.maxMessageTextChars + 1),
);

const looseString = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), tricky);
const looseValue: fc.Arbitrary<unknown> = fc.oneof(
  looseString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Payload-shaped objects whose every field may be valid, invalid or missing. */
const payloadLike = fc.record(
  {
    recipient: fc.oneof(fc.stringMatching(E164_PATTERN), tricky, looseValue),
    code: fc.oneof(fc.stringMatching(OTP_CODE_PATTERN), tricky, looseValue),
    messageText: fc.oneof(fc.string({ maxLength: 200 }), looseValue),
    messageType: fc.oneof(fc.constantFrom(...MESSAGE_TYPES), looseValue),
    deliveryMethod: fc.oneof(fc.constantFrom(...DELIVERY_METHODS), looseValue),
    locale: fc.oneof(fc.constantFrom("en_US", "pt-BR", "fr"), looseValue),
    user: fc.oneof(
      fc.record(
        {
          id: maybe(looseString),
          email: maybe(fc.oneof(fc.emailAddress(), looseString)),
          name: maybe(looseString),
          picture: maybe(looseString),
        },
        { requiredKeys: [] },
      ),
      looseValue,
    ),
    client: fc.oneof(
      fc.record({ id: maybe(looseString), name: maybe(looseString) }, { requiredKeys: [] }),
      looseValue,
    ),
    tenant: looseValue,
    extra: looseValue,
  },
  { requiredKeys: [] },
);

/** Keys that would pollute prototypes if copied naively, at the top and nested. */
const pollutingJson = fc
  .tuple(
    fc.stringMatching(E164_PATTERN),
    fc.stringMatching(OTP_CODE_PATTERN),
    fc.constantFrom("__proto__", "constructor", "prototype"),
  )
  .map(
    ([recipient, code, key]) =>
      `{"recipient":"${recipient}","code":"${code}","${key}":{"polluted":true},` +
      `"user":{"${key}":{"polluted":true},"email":"a@b.co"}}`,
  );

const deepJson = fc
  .integer({ min: 1, max: 5_000 })
  .map((depth) => `${"[".repeat(depth)}${"]".repeat(depth)}`);
const wideJson = fc
  .integer({ min: 1, max: 3_000 })
  .map(
    (width) =>
      `{"recipient":"+61400000001","code":"123456",${Array.from({ length: width }, (_, i) => `"k${i}":${i}`).join(",")}}`,
  );

describe("parseNotification under generated input", () => {
  it("turns any payload-shaped object into a storable document or a 4xx naming a field", () => {
    fc.assert(
      fc.property(payloadLike, (body) => {
        check(request(JSON.stringify(body)));
      }),
      RUNS,
    );
  });

  it("accepts every valid payload and stores exactly what was sent", () => {
    const valid = fc.record(
      {
        recipient: fc.stringMatching(E164_PATTERN),
        code: fc.stringMatching(OTP_CODE_PATTERN),
        messageText: fc.string({ maxLength: LIMITS.maxMessageTextChars }),
        messageType: fc.constantFrom(...MESSAGE_TYPES),
        deliveryMethod: fc.constantFrom(...DELIVERY_METHODS),
        locale: fc.stringMatching(LOCALE_PATTERN).filter((l) => l.length <= 40),
        tenant: fc
          .string({ minLength: 1, maxLength: LIMITS.maxTenantChars })
          .filter((t) => t.trim() === t && t.length > 0),
      },
      { requiredKeys: ["recipient", "code"] },
    );
    fc.assert(
      fc.property(valid, (body) => {
        const result = check(request(JSON.stringify(body)));
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const doc = toStoredCode(phone(result.value.payload), undefined, {
          receivedAt: 1,
          expireAt: 2,
        });
        expect(doc.recipient).toBe(body.recipient);
        expect(doc.code).toBe(body.code);
        if (body.messageText !== undefined) expect(doc.messageText).toBe(body.messageText);
      }),
      RUNS,
    );
  });

  it("never throws on arbitrary bytes, invalid UTF-8 included", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2_048 }), (bytes) => {
        check(request(Buffer.from(bytes)));
      }),
      RUNS,
    );
  });

  it("refuses any other content type, and any JSON that is not an object, naming what to fix", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "application/jsonx"),
        ),
        fc.jsonValue(),
        (contentType, json) => {
          const result = check(request(JSON.stringify(json), { "content-type": contentType }));
          const isJsonType = contentType.split(";")[0]?.trim().toLowerCase() === "application/json";
          if (!isJsonType) expect(!result.ok && result.error.code).toBe("unsupported_media_type");
          if (typeof json !== "object" || json === null || Array.isArray(json)) {
            expect(result.ok).toBe(false);
          }
        },
      ),
      RUNS,
    );
  });

  it("keeps prototype-polluting keys out of the document and out of Object.prototype", () => {
    fc.assert(
      fc.property(pollutingJson, (raw) => {
        const result = check(request(raw));
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const doc = toStoredCode(phone(result.value.payload), undefined, {
          receivedAt: 1,
          expireAt: 2,
        });
        expect(Object.getPrototypeOf(doc)).toBe(Object.prototype);
        expect(JSON.stringify(doc)).not.toContain("polluted");
      }),
      { numRuns: 100 },
    );
  });

  it("answers deep and wide JSON with a refusal or a clean document, without throwing", () => {
    fc.assert(
      fc.property(fc.oneof(deepJson, wideJson), (raw) => {
        check(request(raw));
      }),
      { numRuns: 100 },
    );
  });

  it("takes any printable Idempotency-Key to a valid document id, and refuses the rest naming the header", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: "grapheme" })),
        (key) => {
          const result = check(
            request(JSON.stringify({ recipient: "+61400000001", code: "123456" }), {
              [IDEMPOTENCY_HEADER]: key,
            }),
          );
          if (result.ok) {
            expect(documentIdForKey(result.value.idempotencyKey ?? "")).toMatch(/^k_[0-9a-f]{40}$/);
          } else {
            expect(result.error.field).toBe(IDEMPOTENCY_HEADER);
          }
        },
      ),
      RUNS,
    );
  });

  it("refuses every method but POST with 405 and Allow: POST", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 10 }), (method) => {
        const error = checkMethod(method);
        if (method === "POST") expect(error).toBeUndefined();
        else expect(error).toMatchObject({ status: 405, headers: { Allow: "POST" } });
      }),
      RUNS,
    );
  });
});
