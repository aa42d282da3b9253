// The channels a code reaches the inbox by. SMS and voice come from the
// custom-phone-provider Action, email from the custom-email-provider Action;
// the codes API's `channel=` and the page's badges use these names.
import type { DeliveryMethod } from "./notification.js";

export const CHANNELS = ["sms", "voice", "email"] as const;
export type Channel = (typeof CHANNELS)[number];

/** A phone payload's delivery method as a channel. */
export const phoneChannel = (deliveryMethod: DeliveryMethod): Channel =>
  deliveryMethod === "voice" ? "voice" : "sms";

/**
 * A stored document's channel. Documents stored before channels existed have
 * none: they are phone codes, text or voice by their delivery method.
 */
export function channelOf(doc: { channel?: string; deliveryMethod?: string }): Channel | string {
  if (doc.channel) return doc.channel;
  return doc.deliveryMethod === "voice" ? "voice" : "sms";
}
