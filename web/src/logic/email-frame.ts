// The document "View email" shows an email's HTML in. The HTML is whatever the
// tenant's template (or anyone holding the webhook secret) sent, so it is
// treated as hostile: it runs no script, loads nothing from the network
// (a remote image is a tracking pixel, and a link fetched is a ticket spent),
// and a link opens only when a person clicks it, in a new tab, with no referrer.
//
// Three layers, each enough on its own for scripts:
// - the iframe's sandbox (EMAIL_FRAME_SANDBOX): no allow-scripts, so no script
//   or inline handler runs; no allow-same-origin, so the frame is an opaque
//   origin that cannot reach the page, its storage or its Firebase session;
//   popups are allowed only so a clicked link can open its new tab, and that
//   tab escapes the sandbox so the link's site works normally;
// - the frame's own CSP (EMAIL_FRAME_CSP), the first thing in its document,
//   before any of the email's markup is parsed: nothing but inline styles and
//   data: images and fonts may load;
// - the page's own CSP, which a srcdoc frame inherits on top of its own.

/** Nothing loads: no script, no remote image, font, style sheet or frame. */
export const EMAIL_FRAME_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

/** No allow-scripts, no allow-same-origin, no allow-forms, no allow-top-navigation. */
export const EMAIL_FRAME_SANDBOX = "allow-popups allow-popups-to-escape-sandbox";

/**
 * The email's HTML behind a head that comes first: the CSP, no referrer, and
 * links opening in a new tab. The email's own `<html>`, `<head>` and `<base>`
 * come later and cannot undo them (the first base target wins; a later CSP
 * can only add restrictions).
 */
export function emailSrcdoc(html: string): string {
  return [
    "<!doctype html>",
    "<html><head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${EMAIL_FRAME_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<base target="_blank">',
    // Emails are written for a white page, whatever the inbox's theme.
    '<meta name="color-scheme" content="light">',
    "</head><body>",
    html,
    "</body></html>",
  ].join("\n");
}
