// Auth0-like emails for send-code: a small set of templates in the shape of
// Auth0's defaults (a table layout, a logo, a heading, the code set large or a
// button, a footer of links), rendered with a code or a link, so an email sent
// by hand exercises the webhook's extraction as a real one does. Not Auth0's
// exact markup: its own templates are the extraction's test fixtures.
import { EMAIL_CODE_MESSAGE_TYPES } from "functions/contract/email";

/** What an email carries: a code, a link to click, or nothing (a notice). */
export type EmailSecret = "code" | "link" | "none";

interface EmailKind {
  secret: EmailSecret;
  subject: string;
  heading: string;
  /** The sentence before the code or the button. */
  lead: string;
  /** The button's words, for a link. */
  button?: string;
  /** Where Auth0's ticket for this type lives on the tenant's domain, for a link. */
  ticketPath?: string;
}

const CODE_KIND = (subject: string, heading: string, lead: string): EmailKind => ({
  secret: "code",
  subject,
  heading,
  lead,
});

/** The documented message types (auth0-custom-email-provider.md), as their default templates read. */
const KINDS: Record<string, EmailKind> = {
  verify_email: {
    secret: "link",
    subject: "Verify your email",
    heading: "Verify your email",
    lead: "Thank you for signing up. Please verify your email address by clicking the following link:",
    button: "Confirm my account",
    ticketPath: "/u/email-verification?ticket=",
  },
  verify_email_by_code: CODE_KIND(
    "Verify your email",
    "Verify your email",
    "Thank you for signing up. Enter this code to verify your email address:",
  ),
  reset_email: {
    secret: "link",
    subject: "Reset your password",
    heading: "Password change request",
    lead: "We received a request to reset your password. To reset it, click the button below:",
    button: "Reset password",
    ticketPath: "/lo/reset?ticket=",
  },
  reset_email_by_code: CODE_KIND(
    "Reset your password",
    "Password change request",
    "Use this code to reset your password:",
  ),
  welcome_email: {
    secret: "none",
    subject: "Welcome to Demo App!",
    heading: "Welcome!",
    lead: "Your account is ready. Thank you for signing up.",
  },
  verification_code: CODE_KIND(
    "Your verification code",
    "Verification code",
    "Your verification code is:",
  ),
  mfa_oob_code: CODE_KIND(
    "Your verification code",
    "Verify your identity",
    "Enter this code to finish logging in:",
  ),
  enrollment_email: {
    secret: "link",
    subject: "Enroll in multi-factor authentication",
    heading: "Secure your account",
    lead: "You have been invited to enroll in multi-factor authentication. Click below to start:",
    button: "Enroll",
    ticketPath: "/u/mfa-enrollment?ticket=",
  },
  blocked_account: {
    secret: "link",
    subject: "Your account has been blocked",
    heading: "Account blocked",
    lead: "We blocked your account after several failed logins. To unblock it, click below:",
    button: "Unblock my account",
    ticketPath: "/unblock?ticket=",
  },
  stolen_credentials: {
    secret: "none",
    subject: "Your password may have been compromised",
    heading: "Breached password",
    lead: "Your password was found in a data breach on another site. Please change it.",
  },
  try_provider_configuration_email: {
    secret: "none",
    subject: "Test email",
    heading: "Your email provider works",
    lead: "This is a test email from your Auth0 tenant's email provider settings.",
  },
  organization_invitation: {
    secret: "link",
    subject: "You're invited to join Acme",
    heading: "Join Acme",
    lead: "Rui Costa has invited you to join the Acme organization on Demo App.",
    button: "Accept invitation",
    ticketPath: "/login?invitation=",
  },
};

/**
 * Types Auth0 does not document (passwordless' among them): a code, or a
 * magic link when the caller gives one.
 */
function undocumentedKind(secret: "code" | "link"): EmailKind {
  return secret === "code"
    ? CODE_KIND("Your login code", "Log in to Demo App", "Enter this code to log in:")
    : {
        secret: "link",
        subject: "Your login link",
        heading: "Log in to Demo App",
        lead: "Click the button below to log in. The link can be used once.",
        button: "Log in",
        ticketPath: "/passwordless/verify_redirect?connection=email&verification_code=",
      };
}

export function emailKind(messageType: string, wantsLink: boolean): EmailKind {
  return KINDS[messageType] ?? undocumentedKind(wantsLink ? "link" : "code");
}

/** A documented code type, or an undocumented one, carries a code; link types a link. */
export const carriesCode = (messageType: string): boolean =>
  EMAIL_CODE_MESSAGE_TYPES.includes(messageType) || !(messageType in KINDS);

/** What Auth0 would put in `{{ url }}` / `{{ link }}`: a ticket on the tenant's domain. */
export function ticketUrl(kind: EmailKind, tenant: string, ticket: string): string {
  return `https://${tenant}.eu.auth0.com${kind.ticketPath ?? "/u/login?ticket="}${ticket}`;
}

const escapeHtml = (value: string): string =>
  value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** The email as Auth0 would render it, with the code or the link in place. */
export function renderEmail(
  kind: EmailKind,
  values: { code?: string; link?: string; to: string },
): RenderedEmail {
  const cell = 'style="padding: 0 40px; font-family: Helvetica, Arial, sans-serif; color: #222;"';
  let secretHtml = "";
  let secretText = "";
  if (kind.secret === "code" && values.code) {
    secretHtml = `<tr><td ${cell} align="center"><p style="font-size: 32px; font-weight: bold; letter-spacing: 6px; margin: 24px 0;">${values.code}</p></td></tr>`;
    secretText = `\n\n${values.code}`;
  } else if (kind.secret === "link" && values.link) {
    const href = escapeHtml(values.link);
    secretHtml = `<tr><td ${cell} align="center" bgcolor="#ffffff"><a href="${href}" style="display: inline-block; background-color: #635dff; color: #ffffff; padding: 12px 24px; border-radius: 4px; text-decoration: none; font-weight: bold;">${escapeHtml(kind.button ?? "Continue")}</a></td></tr>`;
    secretText = `\n\n${values.link}`;
  }
  const html = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${escapeHtml(kind.subject)}</title></head>
<body style="margin: 0; background-color: #f5f5f5;">
<table width="100%" cellpadding="0" cellspacing="0" role="presentation"><tr><td align="center">
<table width="600" cellpadding="0" cellspacing="0" role="presentation" style="background-color: #ffffff; margin: 24px 0;">
<tr><td ${cell} align="center"><a href="https://www.example.com/"><img src="https://cdn.example.com/logo.png" alt="Demo App" width="80"></a></td></tr>
<tr><td ${cell}><h1 style="font-size: 22px;">${escapeHtml(kind.heading)}</h1><p>${escapeHtml(kind.lead)}</p></td></tr>
${secretHtml}
<tr><td ${cell}><p style="font-size: 13px; color: #666;">This email was sent to ${escapeHtml(values.to)}. If you did not ask for it, you can ignore it.</p></td></tr>
<tr><td ${cell} align="center" style="font-size: 12px; color: #999;"><a href="https://www.example.com/privacy">Privacy Policy</a> · <a href="https://www.example.com/help">Help</a></td></tr>
</table></td></tr></table>
</body></html>`;
  return {
    subject: kind.subject,
    html,
    text: `${kind.heading}\n\n${kind.lead}${secretText}\n`,
  };
}
