// Reads the email parts of stored documents: an otpCodes document's `email`
// (subject, links, main link) and an otpEmailBodies document (the HTML).
// Firestore holds whatever was written, so every field is checked again here:
// a link the page shows as an <a href> must be http(s), never javascript: or
// data:, whoever wrote the document.
import type { StoredEmail } from "functions/contract/firestore-schema";
import type { EmailBody } from "./types.js";

type EmailLink = StoredEmail["links"][number];

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Absolute http(s) URLs only: the scheme is what makes an href safe to click. */
export function isWebUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

function parseLink(value: unknown): EmailLink | undefined {
  if (!isRecord(value)) return undefined;
  const url = str(value.url);
  if (url === undefined || !isWebUrl(url)) return undefined;
  return { url, text: str(value.text) ?? "" };
}

/** What an email document shows when its `email` field is missing or damaged. */
export const EMPTY_EMAIL: StoredEmail = {
  subject: "",
  links: [],
  mainLink: null,
  linksTruncated: false,
};

/** The stored `email` field; unknown fields are dropped, a bad link is left out. */
export function parseStoredEmail(value: unknown): StoredEmail {
  if (!isRecord(value)) return EMPTY_EMAIL;
  const links = Array.isArray(value.links)
    ? value.links.map(parseLink).filter((link): link is EmailLink => link !== undefined)
    : [];
  const email: StoredEmail = {
    subject: str(value.subject) ?? "",
    links,
    mainLink: parseLink(value.mainLink) ?? null,
    linksTruncated: value.linksTruncated === true,
  };
  const from = str(value.from);
  if (from) email.from = from;
  return email;
}

/** An otpEmailBodies document; undefined when it holds no HTML to show. */
export function parseEmailBody(data: unknown): EmailBody | undefined {
  if (!isRecord(data)) return undefined;
  const html = str(data.html);
  if (html === undefined || html.trim() === "") return undefined;
  const text = str(data.text);
  return text ? { html, text } : { html };
}
