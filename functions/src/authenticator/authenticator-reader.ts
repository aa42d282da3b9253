// What the functions need to compute authenticator codes: each person's
// label and secret. An interface, so the handlers are tested without
// Firestore (firestore-authenticators.ts is the real one).

/** A person's authenticator as the functions read it. Never leaves the function. */
export interface AuthenticatorRecord {
  /** The person's key: authenticators/{key} and authenticatorSecrets/{key}. */
  key: string;
  label: string;
  /** Base32, as stored. */
  secret: string;
}

export interface AuthenticatorReader {
  /** The person's authenticator; undefined when either document is missing. */
  one(key: string): Promise<AuthenticatorRecord | undefined>;
  /** Every person's, in label order. */
  all(): Promise<AuthenticatorRecord[]>;
}
