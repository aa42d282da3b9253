// The email payload's limits and shape rules as plain constants, without zod,
// so the email Action can import them: its bundle must stay dependency-free
// (importing email.ts would pull zod into it). email.ts re-exports all of this,
// so existing imports keep working; this file is their one definition.

export const EMAIL_LIMITS = {
  /** Larger HTML is refused, not cut: a cut email could lose its code or link. */
  maxHtmlBytes: 256 * 1024,
  maxTextBytes: 256 * 1024,
  /** RFC 5322's line limit; Auth0's subjects are far shorter. */
  maxSubjectChars: 998,
  maxMessageTypeChars: 64,
  /** Links kept per email, in document order; the rest are counted in linksTruncated. */
  maxLinks: 50,
  /** Longer URLs are dropped rather than cut: a cut ticket URL opens nothing. */
  maxUrlChars: 2048,
  /** A link's visible text is cut to this many characters. */
  maxLinkTextChars: 200,
} as const;

/**
 * What an email's message type may be: any such string of at most
 * maxMessageTypeChars, since passwordless arrives with a type Auth0 does not
 * document. The Action, the webhook and the codes API all hold types to it.
 */
export const EMAIL_MESSAGE_TYPE_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** UTF-8 length without Buffer, so the page and the Action can check too. */
export function utf8Length(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
