// AuthenticatorReader on Firestore (Admin SDK): the metadata document for the
// label and the secret document for the secret, joined by the person's key. A
// person whose secret document is missing has no codes.
import type { Firestore } from "firebase-admin/firestore";
import { AUTHENTICATOR_COLLECTIONS } from "../contract/authenticator.js";
import type { AuthenticatorReader, AuthenticatorRecord } from "./authenticator-reader.js";

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;

function record(key: string, meta: unknown, secret: unknown): AuthenticatorRecord | undefined {
  const metaData = (meta ?? {}) as Record<string, unknown>;
  const secretText = text((secret as Record<string, unknown> | undefined)?.secret);
  if (meta === undefined || secretText === undefined) return undefined;
  return { key, label: text(metaData.label) ?? key, secret: secretText };
}

export function firestoreAuthenticators(db: Firestore): AuthenticatorReader {
  const metas = db.collection(AUTHENTICATOR_COLLECTIONS.authenticators);
  const secrets = db.collection(AUTHENTICATOR_COLLECTIONS.secrets);
  return {
    async one(key) {
      const [meta, secret] = await db.getAll(metas.doc(key), secrets.doc(key));
      return record(key, meta?.data(), secret?.data());
    },
    async all() {
      const [metaSnap, secretSnap] = await Promise.all([metas.get(), secrets.get()]);
      const byKey = new Map(secretSnap.docs.map((doc) => [doc.id, doc.data()]));
      return metaSnap.docs
        .map((doc) => record(doc.id, doc.data(), byKey.get(doc.id)))
        .filter((found): found is AuthenticatorRecord => found !== undefined)
        .sort((a, b) => a.label.localeCompare(b.label));
    },
  };
}
