// An email's links as the inbox shows them: absolute http(s) anchors only, in
// document order, one entry per URL, each with the text a reader sees. The URL
// is only parsed (WHATWG URL, no I/O): nothing here fetches or resolves it.
import { EMAIL_LIMITS, type EmailLink } from "../contract/email.js";
import type { ScannedAnchor, ScannedEmail } from "./html-scan.js";

/** One distinct URL and every anchor that points to it (a button and its fallback link). */
export interface LinkOccurrences {
  link: EmailLink;
  anchors: ScannedAnchor[];
  /** Position among the email's links, for ties. */
  order: number;
}

export interface CollectedLinks {
  links: LinkOccurrences[];
  truncated: boolean;
}

/**
 * The absolute http(s) URL an href names, or undefined. Browsers strip ASCII
 * tabs and newlines and surrounding spaces from an href; we do the same so a
 * wrapped template line still counts. Relative, mailto:, tel:, javascript: and
 * data: hrefs, and URLs over the length cap, are dropped (a cut ticket opens nothing).
 */
export function absoluteHttpUrl(href: string): string | undefined {
  if (href.length > EMAIL_LIMITS.maxUrlChars * 2) return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const cleaned = href.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
  if (!/^https?:\/\//i.test(cleaned)) return undefined;
  let url: URL;
  try {
    url = new URL(cleaned);
  } catch {
    return undefined;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "") {
    return undefined;
  }
  const href2 = url.href;
  if (href2.length > EMAIL_LIMITS.maxUrlChars || /\s/.test(href2)) return undefined;
  return href2;
}

/** Collapses whitespace and cuts to the cap without splitting a surrogate pair. */
export function linkText(raw: string): string {
  const collapsed = raw
    .slice(0, EMAIL_LIMITS.maxLinkTextChars * 4)
    .replace(/\s+/g, " ")
    .trim();
  if (collapsed.length <= EMAIL_LIMITS.maxLinkTextChars) return collapsed;
  let cut = collapsed.slice(0, EMAIL_LIMITS.maxLinkTextChars);
  const lastUnit = cut.charCodeAt(cut.length - 1);
  if (lastUnit >= 0xd800 && lastUnit <= 0xdbff) cut = cut.slice(0, -1);
  return cut.trimEnd();
}

export function collectLinks(scan: ScannedEmail): CollectedLinks {
  const byUrl = new Map<string, LinkOccurrences>();
  for (const anchor of scan.anchors) {
    const url = absoluteHttpUrl(anchor.href);
    if (url === undefined) continue;
    const text = anchor.visible ? linkText(scan.text.slice(anchor.textStart, anchor.textEnd)) : "";
    const known = byUrl.get(url);
    if (known) {
      known.anchors.push(anchor);
      // An image link first, its worded twin later: keep the words.
      if (known.link.text === "" && text !== "") known.link.text = text;
      continue;
    }
    byUrl.set(url, { link: { url, text }, anchors: [anchor], order: byUrl.size });
  }
  const all = [...byUrl.values()];
  return {
    links: all.slice(0, EMAIL_LIMITS.maxLinks),
    truncated: all.length > EMAIL_LIMITS.maxLinks || scan.anchorsCut,
  };
}
