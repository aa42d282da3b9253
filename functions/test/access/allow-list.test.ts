// The functions' allow-list decision against the very cases firestore.rules
// is tested with (web/test/firestore-rules.stack.test.ts): whoever the rules
// let read codes gets authenticator codes from the function, and nobody else.
import { describe, expect, it } from "vitest";
import { mayReadCodes, onAllowList } from "../../src/access/allow-list.js";
import {
  ACCESS,
  ALLOWED,
  AT_DOMAIN,
  LISTED,
  PUBLIC_MODE_OFF_VALUES,
  REFUSED,
  rows,
  SIGNED_OUT,
  STRANGERS,
} from "../support/allow-list-cases.js";

describe("mayReadCodes, as firestore.rules decides", () => {
  describe("with public mode off", () => {
    it.each(rows(ALLOWED))("%s may read", (_who, { claims }) => {
      expect(mayReadCodes({ access: ACCESS, publicEnabled: false }, claims)).toBe(true);
    });
    it.each(rows(REFUSED))("%s is refused", (_who, { claims }) => {
      expect(mayReadCodes({ access: ACCESS, publicEnabled: false }, claims)).toBe(false);
    });
  });

  it.each(PUBLIC_MODE_OFF_VALUES)("%s counts as off", (_what, enabled) => {
    for (const stranger of STRANGERS)
      expect(mayReadCodes({ access: ACCESS, publicEnabled: enabled }, stranger.claims)).toBe(false);
    expect(mayReadCodes({ access: ACCESS, publicEnabled: enabled }, LISTED.claims)).toBe(true);
  });

  it.each(rows([...STRANGERS, ...ALLOWED, ...REFUSED]))(
    "public mode on lets %s read",
    (_who, { claims }) => {
      expect(mayReadCodes({ access: ACCESS, publicEnabled: true }, claims)).toBe(true);
    },
  );

  it("public mode needs no allow-list", () => {
    expect(mayReadCodes({ access: undefined, publicEnabled: true }, SIGNED_OUT.claims)).toBe(true);
  });

  it("denies everyone while config/access does not exist", () => {
    for (const { claims } of ALLOWED)
      expect(mayReadCodes({ access: undefined, publicEnabled: false }, claims)).toBe(false);
  });

  it("works with only one of its lists present", () => {
    const domainsOnly = { access: { domains: ACCESS.domains }, publicEnabled: false };
    expect(mayReadCodes(domainsOnly, AT_DOMAIN.claims)).toBe(true);
    expect(mayReadCodes(domainsOnly, LISTED.claims)).toBe(false);
  });

  it("denies when config/access was edited by hand into something that is not lists", () => {
    const claims = LISTED.claims ?? {};
    expect(onAllowList(claims, { emails: "alice@individual.test" })).toBe(false);
    expect(onAllowList(AT_DOMAIN.claims ?? {}, { emails: [], domains: "example.com" })).toBe(false);
    expect(onAllowList(claims, ["alice@individual.test"])).toBe(false);
    expect(onAllowList({ email: 42, email_verified: true }, ACCESS)).toBe(false);
  });
});
