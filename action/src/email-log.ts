// What the email Action may say in Auth0's logs (its console line and the
// reasons of retry/drop): the message type and a masked address. Never the
// subject, HTML, text, a code or a link: a reset link in a tenant log is a
// working password reset for whoever reads it.
import { maskEmailAddress } from "functions/contract/refusals";
import { SECRET_NAMES } from "./auth0-event.js";
import type { CustomEmailProviderEvent } from "./email-event.js";
import { emailAddress, emailMessageType } from "./email-request.js";
import type { OutcomeContext } from "./report.js";

/** owner@atko.email → o•••@a•••.email: enough to tell demo addresses apart in a tenant's log. */
export function maskRecipientAddress(value: unknown): string {
  const address = emailAddress(value);
  return address ? maskEmailAddress(address, { domain: "masked" }) : "?";
}

const LINK = /https?:\/\/[^\s"'<>]+/gi;
const DIGIT_RUN = /\d{4,}/g;

/**
 * Everything of the email a webhook's error message could echo back into a
 * reason: the addresses, the subject, and each link and digit run (a code) of
 * its content. Defence in depth: the webhook is not meant to echo any of them.
 */
function sensitiveValues(event: CustomEmailProviderEvent): string[] {
  const n = event.notification;
  const content = [n?.subject, n?.html, n?.text].filter(
    (part): part is string => typeof part === "string",
  );
  const found = new Set<string>();
  for (const part of content) {
    for (const [link] of part.matchAll(LINK)) {
      found.add(link);
      found.add(link.replaceAll("&amp;", "&"));
    }
    for (const [digits] of part.matchAll(DIGIT_RUN)) found.add(digits);
  }
  const texts = [n?.to, n?.from, n?.subject, event.user?.email];
  for (const value of texts) if (typeof value === "string" && value.trim()) found.add(value.trim());
  return [...found];
}

export function emailOutcomeContext(event: CustomEmailProviderEvent): OutcomeContext {
  const type = emailMessageType(event.notification?.message_type)?.slice(0, 40) ?? "?";
  const never = [event.secrets?.[SECRET_NAMES.secret], ...sensitiveValues(event)];
  return {
    what: `email ${type} for ${maskRecipientAddress(event.notification?.to)}`,
    // Longest first: a link holding the code must go whole, not be cut around the code.
    never: never.sort((a, b) => (b?.length ?? 0) - (a?.length ?? 0)),
  };
}
