// Auth0's default email templates, rendered as Auth0 would (fixtures/templates,
// each names its source): the code, the links and the main link come out of
// each message type exactly as its template puts them in.
import { describe, expect, it } from "vitest";
import type { EmailExtraction } from "../../src/contract/email.js";
import { extractEmail } from "../../src/email/extract.js";
import { renderFixture, type Variables } from "./support/render.js";
import { CODE, COMMON, URLS } from "./support/samples.js";

function extract(template: string, variables: Variables, messageType: string): EmailExtraction {
  const result = extractEmail({
    html: renderFixture(template, { ...COMMON, ...variables }),
    message_type: messageType,
    locale: "en_US",
  });
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.refusal)}`);
  return result.value;
}

const DOCS = "https://auth0.com/docs/multifactor-authentication/guardian/user-guide";

interface Expected {
  template: string;
  messageType: string;
  variables: Variables;
  code: string | null;
  main: { url: string; text: string } | null;
  links: string[];
}

const CASES: Expected[] = [
  {
    template: "verify_email",
    messageType: "verify_email",
    variables: { url: URLS.verify },
    code: null,
    main: { url: URLS.verify, text: "Confirm my account" },
    links: [URLS.verify],
  },
  {
    template: "verify_email_by_code",
    messageType: "verify_email_by_code",
    variables: { code: CODE },
    code: CODE,
    main: null,
    links: [],
  },
  {
    template: "reset_email",
    messageType: "reset_email",
    variables: { url: URLS.reset },
    code: null,
    main: { url: URLS.reset, text: "click here" },
    links: [URLS.reset],
  },
  {
    template: "reset_email_by_code",
    messageType: "reset_email_by_code",
    variables: { code: CODE },
    code: CODE,
    main: null,
    links: [],
  },
  {
    template: "welcome_email",
    messageType: "welcome_email",
    variables: {},
    code: null,
    main: null,
    links: [],
  },
  {
    template: "verification_code",
    messageType: "verification_code",
    variables: { code: CODE },
    code: CODE,
    main: null,
    links: [],
  },
  {
    template: "mfa_oob_code",
    messageType: "mfa_oob_code",
    variables: { code: CODE },
    code: CODE,
    main: null,
    links: [],
  },
  {
    template: "enrollment_email",
    messageType: "enrollment_email",
    variables: { link: URLS.enroll },
    code: null,
    main: { url: URLS.enroll, text: "Enroll Your Device" },
    links: [URLS.enroll, DOCS],
  },
  {
    template: "blocked_account",
    messageType: "blocked_account",
    variables: { url: URLS.unblock },
    code: null,
    main: { url: URLS.unblock, text: "click here" },
    links: [URLS.unblock],
  },
  {
    // Auth0 documents no url for this template: its button renders to href="".
    template: "stolen_credentials",
    messageType: "stolen_credentials",
    variables: {},
    code: null,
    main: null,
    links: [],
  },
  {
    template: "try_provider_configuration_email",
    messageType: "try_provider_configuration_email",
    variables: {},
    code: null,
    main: null,
    links: [],
  },
  {
    template: "organization_invitation",
    messageType: "organization_invitation",
    variables: { url: URLS.invite },
    code: null,
    main: { url: URLS.invite, text: "Accept invitation" },
    links: [URLS.invite],
  },
  {
    template: "passwordless",
    messageType: "passwordless_code",
    variables: { send: "code", code: CODE },
    code: CODE,
    main: null,
    links: [],
  },
  {
    // The magic link carries verification_code=731904 in its query: not a code to show.
    template: "passwordless",
    messageType: "passwordless_link",
    variables: { send: "link", link: URLS.magic },
    code: null,
    main: { url: URLS.magic, text: "Sign in to Demo App" },
    links: [URLS.magic],
  },
];

describe("Auth0's default templates", () => {
  it.each(CASES)("$template ($messageType)", (expected) => {
    const value = extract(expected.template, expected.variables, expected.messageType);
    expect(value.code).toBe(expected.code);
    expect(value.mainLink).toEqual(expected.main);
    expect(value.links.map((link) => link.url)).toEqual(expected.links);
    expect(value.linksTruncated).toBe(false);
  });

  it("stolen_credentials: when Auth0 does fill its button, the change-password link is the main one", () => {
    const value = extract("stolen_credentials", { url: URLS.changePassword }, "stolen_credentials");
    expect(value.mainLink).toEqual({ url: URLS.changePassword, text: "Change password" });
    // The logo is an image, never a link; the schema.org <link> is not an anchor.
    expect(value.links.map((link) => link.url)).toEqual([URLS.changePassword]);
  });

  it("passwordless magic link: the fallback anchor's text is the URL itself, decoded", () => {
    const value = extract("passwordless", { send: "link", link: URLS.magic }, "passwordless");
    expect(value.links).toHaveLength(1);
    expect(value.links[0]?.url).toBe(URLS.magic);
  });

  it("without a message type the HTML alone decides", () => {
    const result = extractEmail({
      html: renderFixture("mfa_oob_code", { ...COMMON, code: CODE }),
    });
    expect(result.ok && result.value.code).toBe(CODE);
  });
});
