// Who may read codes: the one table of cases that both firestore.rules
// (web/test/firestore-rules.stack.test.ts, on Google's emulator) and the
// functions' own decision (functions/src/access/allow-list.ts, unit tests) are
// held to, so the page's Firestore reads and the authenticator endpoint agree
// on every caller.
import type { AccessConfig } from "../../src/contract/firestore-schema.js";

/**
 * The allow-list every case is judged against, as `npm run access -- add
 * Alice@Individual.TEST @Example.COM` writes it (normalised to lower case; the
 * rules test checks that the command really writes this).
 */
export const ACCESS: AccessConfig = { emails: ["alice@individual.test"], domains: ["example.com"] };
/** What was typed to make ACCESS. */
export const ACCESS_AS_TYPED = ["Alice@Individual.TEST", "@Example.COM"];

/** The sign-in token's claims; a principal without them is signed out. */
export interface Claims {
  email?: string;
  email_verified?: boolean;
}
export interface Principal {
  who: string;
  claims?: Claims;
}
export const verified = (email: string): Claims => ({ email, email_verified: true });

export const LISTED: Principal = {
  who: "a listed email",
  claims: verified("alice@individual.test"),
};
export const AT_DOMAIN: Principal = {
  who: "an address at a listed domain",
  claims: verified("bob@example.com"),
};
/** Allowed with public mode off. */
export const ALLOWED: Principal[] = [
  LISTED,
  { who: "a listed email signed in in upper case", claims: verified("ALICE@INDIVIDUAL.TEST") },
  AT_DOMAIN,
  { who: "an address at a listed domain in mixed case", claims: verified("Bob@EXAMPLE.Com") },
];

const lookAlike = (why: string, email: string): Principal => ({
  who: `${why} (${email})`,
  claims: verified(email),
});

export const SIGNED_OUT: Principal = { who: "signed out" };
export const UNVERIFIED: Principal = {
  who: "a listed email, unverified",
  claims: { email: "alice@individual.test", email_verified: false },
};
export const UNLISTED: Principal = {
  who: "an unlisted verified email",
  claims: verified("carol@elsewhere.test"),
};
const LOOK_ALIKE = lookAlike("the listed domain as a prefix", "bob@example.com.evil.io");
/** One of each kind that the allow-list refuses. */
export const STRANGERS: Principal[] = [SIGNED_OUT, UNVERIFIED, UNLISTED, LOOK_ALIKE];

/** Refused with public mode off; allowed, like everyone, with it on. */
export const REFUSED: Principal[] = [
  SIGNED_OUT,
  UNVERIFIED,
  { who: "a listed email, verification not stated", claims: { email: "alice@individual.test" } },
  {
    who: "a listed email in upper case, unverified",
    claims: { email: "ALICE@INDIVIDUAL.TEST", email_verified: false },
  },
  {
    who: "an address at a listed domain, unverified",
    claims: { email: "bob@example.com", email_verified: false },
  },
  { who: "signed in without an email", claims: { email_verified: true } },
  { who: "an empty email", claims: verified("") },
  lookAlike("a listed domain alone", "example.com"),
  LOOK_ALIKE,
  lookAlike("the listed domain as a suffix", "bob@evilexample.com"),
  lookAlike("a sub-domain", "bob@sub.example.com"),
  lookAlike("a shorter domain", "bob@example.co"),
  lookAlike("two @ signs", "a@b@example.com"),
  lookAlike("two @ signs", "bob@evil.io@example.com"),
  lookAlike("two @ signs, a listed email first", "alice@individual.test@example.com"),
  lookAlike("a trailing @", "bob@example.com@"),
  lookAlike("two trailing @ signs", "bob@example.com@@"),
  lookAlike("two @ signs together", "bob@@example.com"),
  lookAlike("no local part", "@example.com"),
  lookAlike("a leading @", "@bob@example.com"),
  lookAlike("a trailing dot", "bob@example.com."),
  lookAlike("a trailing dot", "alice@individual.test."),
  lookAlike("a listed email as a prefix", "alice@individual.test.evil.io"),
  lookAlike("a listed email inside a longer local part", "xalice@individual.test"),
  lookAlike("a listed email inside a longer domain", "alice@individual.testx"),
  UNLISTED,
];

/** config/public values that count as off (only `enabled: true` is on); undefined: no document. */
export const PUBLIC_MODE_OFF_VALUES: [string, unknown][] = [
  ["no config/public", undefined],
  ["enabled: false", false],
  ['enabled: "true"', "true"],
  ["enabled: 1", 1],
  ["enabled: null", null],
];

/** it.each rows whose names vitest prints in full (it shortens `$who`). */
export const rows = (principals: Principal[]): [string, Principal][] =>
  principals.map((principal) => [principal.who, principal]);
