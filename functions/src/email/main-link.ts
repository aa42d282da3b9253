// Picks the one link an email asks its reader to click: what the template's
// {{ url }} or {{ link }} became (verify, reset, unblock, enrol, accept an
// invitation, a magic link). It scores for Auth0's ticket paths and
// parameters, for action words in its text, and for looking like a button;
// logos, hidden anchors and footer links (privacy, terms, support,
// unsubscribe, social icons) are never it. No link with enough evidence: none.
import type { EmailLink } from "../contract/email.js";
import {
  ACTION_PATHS,
  ACTION_WORDS,
  FOOTER_HOSTS,
  FOOTER_WORDS,
  TICKET_PARAMS,
} from "./lexicon.js";
import type { LinkOccurrences } from "./links.js";
import { hasWord } from "./words.js";

export const LINK_SCORES = {
  actionPath: 4,
  ticketParam: 3,
  actionWords: 3,
  button: 2,
  /** A button alone ("Get started" in a welcome email) is not enough. */
  threshold: 3,
} as const;

function isFooterLink(url: URL, text: string): boolean {
  const host = url.hostname.toLowerCase();
  if (FOOTER_HOSTS.some((footer) => host === footer || host.endsWith(`.${footer}`))) return true;
  const words = `${text} ${decodeSafely(url.pathname)}`.toLowerCase().replace(/[-_/]+/g, " ");
  return hasWord(words, FOOTER_WORDS);
}

const decodeSafely = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

function scoreLink(occurrences: LinkOccurrences): number | undefined {
  const visible = occurrences.anchors.filter((anchor) => anchor.visible);
  if (visible.length === 0) return undefined;
  const { text } = occurrences.link;
  // Only an image and no words: a logo or a tracking badge.
  if (text === "" && visible.every((anchor) => anchor.hasImage)) return undefined;
  const url = new URL(occurrences.link.url);
  if (isFooterLink(url, text)) return undefined;

  let score = 0;
  const path = url.pathname.toLowerCase();
  if (ACTION_PATHS.some((action) => path === action || path.startsWith(action))) {
    score += LINK_SCORES.actionPath;
  }
  const params = [...url.searchParams.keys()].map((key) => key.toLowerCase());
  if (TICKET_PARAMS.some((param) => params.includes(param))) score += LINK_SCORES.ticketParam;
  if (hasWord(text.toLowerCase(), ACTION_WORDS)) score += LINK_SCORES.actionWords;
  if (visible.some((anchor) => anchor.buttonLike)) score += LINK_SCORES.button;
  return score;
}

/** The main link among links (document order breaks ties), or null. */
export function pickMainLink(links: readonly LinkOccurrences[]): EmailLink | null {
  let best: LinkOccurrences | undefined;
  let top: number = LINK_SCORES.threshold - 1;
  for (const occurrences of links) {
    const score = scoreLink(occurrences);
    if (score !== undefined && score > top) {
      best = occurrences;
      top = score;
    }
  }
  return best ? { ...best.link } : null;
}
