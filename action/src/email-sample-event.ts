// Realistic custom-email-provider events, shaped like the ones Auth0 sends,
// with HTML like Auth0's default templates (the code as {{ code }}, links as
// {{ url }} or {{ link }}), for the tests and tools. Not part of the Action bundle.
import { EMAIL_MESSAGE_TYPES } from "functions/contract/email";
import type { CustomEmailProviderEvent } from "./email-event.js";
import { randomCode } from "./sample-event.js";

/**
 * Auth0 sends passwordless emails through this trigger with a message_type it
 * does not document; this stands in for it (any unknown type must work alike).
 */
export const SAMPLE_PASSWORDLESS_MESSAGE_TYPE = "passwordless_email";

/** Every type the tests send: Auth0's 12 documented ones and a passwordless one. */
export const SAMPLE_EMAIL_MESSAGE_TYPES: readonly string[] = [
  ...EMAIL_MESSAGE_TYPES,
  SAMPLE_PASSWORDLESS_MESSAGE_TYPE,
];

export interface SampleEmailEventOptions {
  to?: string;
  from?: string;
  /** Any string: documented types get their own template, others the passwordless one. */
  messageType?: string;
  /** For types that carry a code; a random 6-digit code when undefined. */
  code?: string;
  /** For types that carry a link; a fresh ticket link when undefined. */
  link?: string;
  locale?: string;
  userEmail?: string;
  userName?: string;
  userId?: string;
  /** No user at all, as when a passwordless sign-up has none yet. */
  noUser?: boolean;
  clientId?: string;
  clientName?: string;
  tenant?: string;
  correlationId?: string;
  secrets?: Record<string, string | undefined>;
}

const TENANT_ORIGIN = "https://demo-tenant.eu.auth0.com";

const ticket = (): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(24)), (byte) =>
    byte.toString(16).padStart(2, "0"),
  ).join("");

interface Template {
  subject: string;
  /** What the email asks its reader to do, as HTML (the code or link is in it). */
  body: (code: string, link: string) => string;
  text: (code: string, link: string) => string;
  /** Where its one-time link points; absent for emails without one. */
  link?: (to: string, code: string) => string;
  hasCode?: boolean;
}

const button = (link: string, label: string) =>
  `<p><a href="${link}" style="background:#eb5424;color:#fff;padding:10px 16px;border-radius:3px;text-decoration:none">${label}</a></p>`;
const codeBlock = (code: string) =>
  `<p style="font-size:28px;letter-spacing:6px;font-weight:bold">${code}</p>`;

const TEMPLATES: Record<string, Template> = {
  verify_email: {
    subject: "Verify your email",
    body: (_code, link) =>
      `<p>Thank you for signing up. Please verify your email address by clicking the following link:</p>${button(link, "Confirm my account")}`,
    text: (_code, link) => `Please verify your email address: ${link}`,
    link: () => `${TENANT_ORIGIN}/u/email-verification?ticket=${ticket()}#`,
  },
  verify_email_by_code: {
    subject: "Verify your email",
    body: (code) => `<p>Your email verification code is:</p>${codeBlock(code)}`,
    text: (code) => `Your email verification code is: ${code}`,
    hasCode: true,
  },
  reset_email: {
    subject: "Reset your password",
    body: (_code, link) =>
      `<p>We received a request to reset your password. Click the link below to choose a new one:</p>${button(link, "Reset password")}<p>If you did not ask for this, ignore this email.</p>`,
    text: (_code, link) => `Reset your password: ${link}`,
    link: () => `${TENANT_ORIGIN}/u/reset-verify?ticket=${ticket()}#`,
  },
  reset_email_by_code: {
    subject: "Reset your password",
    body: (code) =>
      `<p>Enter this code to reset your password:</p>${codeBlock(code)}<p>It expires in 5 minutes.</p>`,
    text: (code) => `Your password reset code is ${code}`,
    hasCode: true,
  },
  welcome_email: {
    subject: "Welcome to Demo app",
    body: () => "<p>Welcome! Your account is ready to use.</p>",
    text: () => "Welcome! Your account is ready to use.",
  },
  verification_code: {
    subject: "Your verification code",
    body: (code) => `<p>Use this code to continue:</p>${codeBlock(code)}`,
    text: (code) => `Your verification code is ${code}`,
    hasCode: true,
  },
  mfa_oob_code: {
    subject: "Your login code",
    body: (code) =>
      `<p>Here is the code to finish logging in:</p>${codeBlock(code)}<p>This code expires in 5 minutes.</p>`,
    text: (code) => `Your verification code is ${code}`,
    hasCode: true,
  },
  enrollment_email: {
    subject: "Set up multi-factor authentication",
    body: (_code, link) =>
      `<p>Your administrator asked you to set up multi-factor authentication.</p>${button(link, "Enroll")}`,
    text: (_code, link) => `Enroll in multi-factor authentication: ${link}`,
    link: () => `${TENANT_ORIGIN}/mfa/enroll?ticket=${ticket()}`,
  },
  blocked_account: {
    subject: "Your account has been blocked",
    body: (_code, link) =>
      `<p>Your account was blocked after too many failed login attempts.</p>${button(link, "Unblock my account")}`,
    text: (_code, link) => `Unblock your account: ${link}`,
    link: () => `${TENANT_ORIGIN}/unblock?ticket=${ticket()}`,
  },
  stolen_credentials: {
    subject: "Your password may have been compromised",
    body: () =>
      "<p>We found your email address and password in a data breach on another site. Please change your password.</p>",
    text: () => "Your password may have been compromised. Please change it.",
  },
  try_provider_configuration_email: {
    subject: "Test email",
    body: () => "<p>This is a test email sent from the Auth0 Dashboard.</p>",
    text: () => "This is a test email sent from the Auth0 Dashboard.",
  },
  organization_invitation: {
    subject: "You have been invited to join Demo org",
    body: (_code, link) =>
      `<p>Owner has invited you to join <b>Demo org</b> on Demo app.</p>${button(link, "Accept invitation")}`,
    text: (_code, link) => `Accept the invitation: ${link}`,
    link: () =>
      `https://app.demo.example/login?invitation=${ticket()}&amp;organization=org_demo&amp;organization_name=demo-org`,
  },
};

/** Auth0's passwordless email: a code and a magic link ({{ code }}, {{ link }}). */
const PASSWORDLESS: Template = {
  subject: "Welcome to Demo app",
  body: (code, link) =>
    `<p>Your verification code is:</p>${codeBlock(code)}<p>Or sign in with this link, in the browser you asked from:</p>${button(link, "Log in to Demo app")}`,
  text: (code, link) => `Your verification code is ${code}, or sign in: ${link}`,
  link: (to, code) =>
    `${TENANT_ORIGIN}/passwordless/verify_redirect?scope=openid&amp;response_type=code&amp;connection=email&amp;client_id=demo-client-id&amp;email=${encodeURIComponent(to)}&amp;verification_code=${code}`,
  hasCode: true,
};

/** The whole HTML document, like Auth0's default layout (logo, message, footer). */
const layout = (subject: string, body: string) =>
  [
    '<!doctype html><html><head><meta charset="utf-8"><title>',
    subject,
    '</title></head><body style="font-family:Helvetica,Arial,sans-serif;color:#333">',
    '<table width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">',
    '<img src="https://cdn.auth0.com/styleguide/2.0.9/lib/logos/img/logo-grey.png" alt="Demo app" width="50">',
    `<h1 style="font-size:20px">${subject}</h1>`,
    body,
    "<p>If you are having any issues with your account, please reply to this email.</p>",
    '<p style="color:#999;font-size:12px">© 2026 Demo app, 1 Example Street, Sydney NSW 2000</p>',
    "</td></tr></table></body></html>",
  ].join("");

export interface SampleEmail {
  event: CustomEmailProviderEvent;
  /** The one-time code in its HTML, for types that carry one. */
  code?: string;
  /** The one-time link in its HTML (with `&amp;` as in the HTML), for types that carry one. */
  link?: string;
}

export function sampleEmailEvent(options: SampleEmailEventOptions = {}): CustomEmailProviderEvent {
  return sampleEmail(options).event;
}

/** A sample event with the code and link its HTML carries, for tests to look for (or not). */
export function sampleEmail(options: SampleEmailEventOptions = {}): SampleEmail {
  const messageType = options.messageType ?? "verify_email";
  const template = TEMPLATES[messageType] ?? PASSWORDLESS;
  const to = options.to ?? options.userEmail ?? "owner@atko.email";
  const code = template.hasCode ? (options.code ?? randomCode()) : "";
  const link = template.link ? (options.link ?? template.link(to, code)) : "";
  const event: CustomEmailProviderEvent = {
    notification: {
      to,
      from: options.from ?? "Demo app <no-reply@demo.example>",
      subject: template.subject,
      html: layout(template.subject, template.body(code, link)),
      // Auth0's text part, with the link's entities as a mail client would show them.
      text: template.text(code, link.replaceAll("&amp;", "&")),
      locale: options.locale ?? "en_US",
      message_type: messageType,
    },
    ...(options.noUser
      ? {}
      : {
          user: {
            user_id: options.userId ?? "auth0|demo-owner",
            email: options.userEmail ?? to,
            name: options.userName ?? options.userEmail ?? to,
          },
        }),
    client: {
      client_id: options.clientId ?? "demo-client-id",
      name: options.clientName ?? "Demo app",
    },
    tenant: { id: options.tenant ?? "demo-tenant" },
    request: { ip: "203.0.113.10", user_agent: "Mozilla/5.0 (sample)" },
    secrets: options.secrets ?? {},
  };
  if (options.correlationId) event.transaction = { correlation_id: options.correlationId };
  return { event, ...(code ? { code } : {}), ...(link ? { link } : {}) };
}
