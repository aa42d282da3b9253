// Test data builders shared by logic and component tests.
import type { InboxCode, PhoneLabelEntry } from "../../src/logic/types.js";

export const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);
export const RETENTION_MS = 10 * 60_000;

let counter = 0;

export function makeCode(overrides: Partial<InboxCode> = {}): InboxCode {
  counter += 1;
  const receivedAt = overrides.receivedAt ?? T0;
  return {
    id: `code-${counter}`,
    recipient: "+61400000001",
    code: "123456",
    messageText: "Your verification code is 123456",
    messageType: "otp_verify",
    deliveryMethod: "text",
    label: "",
    receivedAt,
    expireAt: receivedAt + RETENTION_MS,
    ...overrides,
  };
}

/** An email as the page reads it: a verification link for alice@example.com by default. */
export function makeEmail(overrides: Partial<InboxCode> = {}): InboxCode {
  return makeCode({
    recipient: "alice@example.com",
    code: "",
    messageText: "",
    messageType: "verify_email",
    deliveryMethod: "email",
    channel: "email",
    email: {
      subject: "Verify your email",
      from: "Demo <no-reply@demo.test>",
      links: [{ url: "https://demo.auth0.test/u/email-verification?ticket=T1#", text: "Verify" }],
      mainLink: { url: "https://demo.auth0.test/u/email-verification?ticket=T1#", text: "Verify" },
      linksTruncated: false,
    },
    ...overrides,
  });
}

/** An email carrying a code (email MFA by default), no link. */
export function makeEmailCode(code: string, overrides: Partial<InboxCode> = {}): InboxCode {
  return makeEmail({
    code,
    messageType: "mfa_oob_code",
    email: { subject: "Your verification code", links: [], mainLink: null, linksTruncated: false },
    ...overrides,
  });
}

export interface DemoUserRow {
  phoneNumber: string;
  label: string;
  email?: string;
}

/**
 * phoneLabels entries as the page reads them, from demo users listed in file
 * order (their order is their index); users on the same number share an entry.
 */
export function demoLabels(rows: readonly DemoUserRow[]): PhoneLabelEntry[] {
  const byNumber = new Map<string, PhoneLabelEntry>();
  for (const [order, { phoneNumber, label, email }] of rows.entries()) {
    const entry = byNumber.get(phoneNumber) ?? { phoneNumber, users: [], seen: [] };
    entry.users.push(email ? { label, email, order } : { label, order });
    byNumber.set(phoneNumber, entry);
  }
  return [...byNumber.values()];
}
