// The channels a code reaches the inbox by. SMS and voice come from the
// custom-phone-provider Action, email from the custom-email-provider Action;
// the codes API's `channel=` and the page's badges use these names.
import type { DeliveryMethod } from "./notification.js";

export const CHANNELS = ["sms", "voice", "email"] as const;
export type Channel = (typeof CHANNELS)[number];

/** The phone channels: what the codes API answers when a request names no channel. */
export const PHONE_CHANNELS = ["sms", "voice"] as const satisfies readonly Channel[];

/**
 * Each channel's stored deliveryMethod. Every document has a deliveryMethod,
 * including those stored before `channel` existed, so queries select a channel
 * by it; a Record so a new channel (authenticator) cannot be added without
 * saying how its codes are found.
 */
export const CHANNEL_DELIVERY_METHODS: Readonly<Record<Channel, DeliveryMethod | "email">> = {
  sms: "text",
  voice: "voice",
  email: "email",
};

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
