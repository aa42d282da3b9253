// The one extraction the webhook, the scripts and the tests share: from an
// email Auth0's custom-email-provider Action posted (its rendered HTML, plus
// optionally its text, type, locale and subject), the one-time code, the links
// and the link to click, or a refusal naming the field at fault.
//
// Pure: no network (links are parsed, never fetched or resolved), no logging,
// no clock. Bounded: HTML over EMAIL_LIMITS.maxHtmlBytes is refused before it
// is parsed, and every later step is linear in what is left.
import {
  type EmailExtraction,
  type EmailExtractionResult,
  emailExtractionInputSchema,
} from "../contract/email.js";
import { detectCode } from "./code-detect.js";
import { scanHtml } from "./html-scan.js";
import { collectLinks } from "./links.js";
import { pickMainLink } from "./main-link.js";

export type {
  EmailExtraction,
  EmailExtractionInput,
  EmailExtractionRefusal,
  EmailExtractionResult,
  EmailLink,
} from "../contract/email.js";

/** Reads the code and links out of an email; never throws, whatever input is. */
export function extractEmail(input: unknown): EmailExtractionResult {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, refusal: { field: "notification", message: "must be an object" } };
  }
  const parsed = emailExtractionInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.map(String).join(".") : "html";
    return { ok: false, refusal: { field, message: issue?.message ?? "is invalid" } };
  }
  const { html, message_type: messageType, subject } = parsed.data;
  return { ok: true, value: extractFromHtml(html, { messageType, subject }) };
}

/** The extraction proper, once the input is known to be within its limits. */
function extractFromHtml(
  html: string,
  hints: { messageType?: string | undefined; subject?: string | undefined } = {},
): EmailExtraction {
  const scan = scanHtml(html);
  const { links, truncated } = collectLinks(scan);
  return {
    code: detectCode(scan, hints),
    links: links.map((occurrences) => ({ ...occurrences.link })),
    mainLink: pickMainLink(links),
    linksTruncated: truncated,
  };
}
