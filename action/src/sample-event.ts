// A realistic custom-phone-provider event, shaped like the ones Auth0 sends,
// for `npm run send-code` and the tests. Not part of the Action bundle.
import type { DeliveryMethod, MessageType } from "functions/contract/notification";
import type { CustomPhoneProviderEvent } from "./auth0-event.js";

export interface SampleEventOptions {
  recipient?: string;
  /** Omitted for notices without a code; a random 6-digit code when undefined for OTP types. */
  code?: string;
  messageType?: MessageType;
  deliveryMethod?: DeliveryMethod;
  locale?: string;
  userEmail?: string;
  userName?: string;
  userId?: string;
  /** No user at all, like a test SMS or the seed article's setup. */
  noUser?: boolean;
  clientId?: string;
  clientName?: string;
  tenant?: string;
  correlationId?: string;
  secrets?: Record<string, string | undefined>;
}

export const randomCode = (): string =>
  String(crypto.getRandomValues(new Uint32Array(1))[0] ?? 0)
    .padStart(6, "0")
    .slice(-6);

const TEXTS: Record<MessageType, (code: string) => string> = {
  otp_verify: (code) => `${code} is your verification code. Please enter this code to log in.`,
  otp_enroll: (code) =>
    `${code} is your verification code. Please enter this code to verify your enrollment.`,
  blocked_account: () => "Your account has been blocked after multiple consecutive login attempts.",
  change_password: () =>
    "Your password was changed. If this was not you, contact support right away.",
  password_breach: () =>
    "We detected that your password was found in a data breach. Please reset it.",
};

/** Voice messages read the code digit by digit. */
const spoken = (text: string, code: string | undefined) =>
  code ? text.replace(code, code.split("").join(", ")) : text;

export function sampleEvent(options: SampleEventOptions = {}): CustomPhoneProviderEvent {
  const messageType = options.messageType ?? "otp_verify";
  const hasCode = messageType === "otp_verify" || messageType === "otp_enroll";
  const code = hasCode ? (options.code ?? randomCode()) : undefined;
  const text = TEXTS[messageType](code ?? "");
  const event: CustomPhoneProviderEvent = {
    notification: {
      recipient: options.recipient ?? "+61400000001",
      ...(code ? { code } : {}),
      as_text: text,
      as_voice: spoken(text, code),
      delivery_method: options.deliveryMethod ?? "text",
      message_type: messageType,
      locale: options.locale ?? "en_US",
    },
    ...(options.noUser
      ? {}
      : {
          user: {
            user_id: options.userId ?? "auth0|demo-owner",
            email: options.userEmail ?? "owner@atko.email",
            name: options.userName ?? options.userEmail ?? "owner@atko.email",
          },
        }),
    client: {
      client_id: options.clientId ?? "demo-client-id",
      name: options.clientName ?? "Demo app",
    },
    tenant: { id: options.tenant ?? "demo-tenant" },
    request: { ip: "203.0.113.10", user_agent: "Mozilla/5.0 (send-code)" },
    secrets: options.secrets ?? {},
  };
  if (options.correlationId) event.transaction = { correlation_id: options.correlationId };
  return event;
}
