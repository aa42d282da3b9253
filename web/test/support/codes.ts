// Test data builders shared by logic and component tests.
import type { InboxCode } from "../../src/logic/types.js";

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
