// Authenticators in Firestore with the Admin SDK, the only writer: the
// metadata document the page may read and the secret document no client
// reads, written and removed together in one batch so neither is ever left
// without the other.
import { FieldPath, FieldValue, type Firestore, type Timestamp } from "firebase-admin/firestore";
import type { AuthenticatorPerson } from "functions/authenticator/person";
import type { ParsedSecret } from "functions/authenticator/secret";
import {
  AUTHENTICATOR_COLLECTIONS,
  type AuthenticatorSource,
  type StoredAuthenticator,
  type StoredAuthenticatorSecret,
} from "functions/contract/authenticator";

const metadata = (db: Firestore, key: string) =>
  db.collection(AUTHENTICATOR_COLLECTIONS.authenticators).doc(key);
const secretDoc = (db: Firestore, key: string) =>
  db.collection(AUTHENTICATOR_COLLECTIONS.secrets).doc(key);

export interface NewAuthenticator {
  person: AuthenticatorPerson;
  /** Canonical base32 (parseAuthenticatorSecret's `base32`). */
  secret: string;
  source: AuthenticatorSource;
  name: string;
  userId?: string;
  methodId?: string;
}

/** What "added by hand" is called when the secret names nothing (a bare key). */
export const ADDED_NAME = "added by hand";

/**
 * A secret added by hand (`npm run authenticator:add`): named by its URI's
 * label (tenant:user), which helps tell whose it is later, else ADDED_NAME.
 */
export const addedByHand = (
  person: AuthenticatorPerson,
  secret: ParsedSecret,
): NewAuthenticator => ({
  person,
  secret: secret.base32,
  source: "added",
  name: secret.label ?? secret.issuer ?? ADDED_NAME,
});

/** What `list` shows: the metadata, never the secret. */
export interface ListedAuthenticator {
  key: string;
  label: string;
  email?: string;
  name: string;
  source: AuthenticatorSource;
  methodId?: string;
  /** Epoch ms; undefined while the server timestamp is pending. */
  createdAt?: number;
  /** Whether its secret document exists (a missing one means no codes can be computed). */
  hasSecret: boolean;
}

export class AuthenticatorExistsError extends Error {
  override name = "AuthenticatorExistsError";
}

/**
 * Writes both documents in one transaction. Refuses to replace an existing
 * authenticator unless `replace`: its secret may be the one enrolled at
 * Auth0, and overwriting it would break that user's logins without a trace.
 */
export async function writeAuthenticator(
  db: Firestore,
  entry: NewAuthenticator,
  options: { replace?: boolean } = {},
): Promise<{ replaced: boolean }> {
  const { person } = entry;
  return db.runTransaction(async (transaction) => {
    const existing = await transaction.get(metadata(db, person.key));
    if (existing.exists && !options.replace)
      throw new AuthenticatorExistsError(
        `${person.label} already has an authenticator (${existing.get("source")}); pass --replace to replace it.`,
      );
    const doc: StoredAuthenticator<FieldValue> = {
      label: person.label,
      ...(person.email ? { email: person.email } : {}),
      ...(entry.userId ? { userId: entry.userId } : {}),
      ...(entry.methodId ? { methodId: entry.methodId } : {}),
      name: entry.name,
      source: entry.source,
      createdAt: FieldValue.serverTimestamp(),
    };
    const secret: StoredAuthenticatorSecret<FieldValue> = {
      secret: entry.secret,
      createdAt: FieldValue.serverTimestamp(),
    };
    // set() without merge: a replaced authenticator keeps nothing of the old one.
    transaction.set(metadata(db, person.key), doc);
    transaction.set(secretDoc(db, person.key), secret);
    return { replaced: existing.exists };
  });
}

/** Removes both documents; false when there was neither. */
export async function removeAuthenticator(db: Firestore, key: string): Promise<boolean> {
  return db.runTransaction(async (transaction) => {
    const [meta, secret] = await transaction.getAll(metadata(db, key), secretDoc(db, key));
    transaction.delete(metadata(db, key));
    transaction.delete(secretDoc(db, key));
    return Boolean(meta?.exists || secret?.exists);
  });
}

function listed(
  key: string,
  data: Record<string, unknown>,
  hasSecret: boolean,
): ListedAuthenticator {
  const text = (field: string) =>
    typeof data[field] === "string" ? (data[field] as string) : undefined;
  const createdAt = data.createdAt as Timestamp | undefined;
  const email = text("email");
  const methodId = text("methodId");
  return {
    key,
    label: text("label") ?? key,
    ...(email ? { email } : {}),
    name: text("name") ?? "",
    source: data.source === "enrolled" ? "enrolled" : "added",
    ...(methodId ? { methodId } : {}),
    ...(createdAt ? { createdAt: createdAt.toMillis() } : {}),
    hasSecret,
  };
}

/** Every authenticator's metadata, by label; secrets are only checked for existence. */
export async function listAuthenticators(db: Firestore): Promise<ListedAuthenticator[]> {
  const [metas, secrets] = await Promise.all([
    db.collection(AUTHENTICATOR_COLLECTIONS.authenticators).get(),
    // Only the ids: the secrets themselves never leave Firestore for a listing.
    db.collection(AUTHENTICATOR_COLLECTIONS.secrets).select().get(),
  ]);
  const withSecret = new Set(secrets.docs.map((doc) => doc.id));
  return metas.docs
    .map((doc) => listed(doc.id, doc.data(), withSecret.has(doc.id)))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** One authenticator's metadata, or undefined. */
export async function readAuthenticator(
  db: Firestore,
  key: string,
): Promise<ListedAuthenticator | undefined> {
  const [meta, secret] = await Promise.all([
    metadata(db, key).get(),
    // Whether the secret exists, without reading it.
    db
      .collection(AUTHENTICATOR_COLLECTIONS.secrets)
      .where(FieldPath.documentId(), "==", key)
      .select()
      .get(),
  ]);
  return meta.exists ? listed(key, meta.data() ?? {}, !secret.empty) : undefined;
}

export class AuthenticatorChangedError extends Error {
  override name = "AuthenticatorChangedError";
}

/**
 * Records Auth0's method id on an enrolment the inbox stored before creating
 * the method (enrol-authenticator.ts explains the order). Refuses when the
 * record is no longer that pending enrolment: someone replaced or removed it
 * meanwhile, and the id would then vouch for a secret Auth0 does not hold.
 */
export async function recordAuthenticatorMethod(
  db: Firestore,
  key: string,
  methodId: string,
): Promise<void> {
  await db.runTransaction(async (transaction) => {
    const existing = await transaction.get(metadata(db, key));
    if (!existing.exists || existing.get("source") !== "enrolled" || existing.get("methodId"))
      throw new AuthenticatorChangedError(
        `The inbox's authenticator record for ${key} changed during enrolment; run auth0:enrol again.`,
      );
    transaction.update(metadata(db, key), { methodId });
  });
}
