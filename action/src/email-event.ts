// The part of Auth0's custom-email-provider trigger (v1) the email Action
// reads. Auth0 always sends the notification's fields, but each is read as
// possibly absent or odd, so a surprise can never crash the Action.
import type { Auth0EventContext, NotificationApi } from "./auth0-event.js";

export interface EmailNotification {
  /** The recipient: an email-MFA method may carry an address other than event.user.email. */
  to: string;
  /** The sender, possibly with a display name: `Acme <no-reply@acme.test>`. */
  from?: string;
  subject?: string;
  /** The rendered HTML template: every Auth0 email has one, and it holds any code or link. */
  html: string;
  /** The rendered text template; what it holds is not documented. */
  text?: string;
  locale?: string;
  /** One of Auth0's 12 documented types, or another (passwordless sends an undocumented one). */
  message_type: string;
}

export interface CustomEmailProviderEvent extends Auth0EventContext {
  notification: EmailNotification;
}

export type CustomEmailProviderApi = NotificationApi;
