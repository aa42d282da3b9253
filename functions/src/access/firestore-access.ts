// config/access and config/public as the rules read them, fetched together
// on every request (no cache: a removal takes effect at once).
import type { Firestore } from "firebase-admin/firestore";
import { ACCESS_DOC_ID, COLLECTIONS, PUBLIC_MODE_DOC_ID } from "../contract/firestore-schema.js";
import type { AccessState } from "./allow-list.js";

export function firestoreAccessState(db: Firestore): () => Promise<AccessState> {
  const config = db.collection(COLLECTIONS.config);
  return async () => {
    const [access, publicMode] = await db.getAll(
      config.doc(ACCESS_DOC_ID),
      config.doc(PUBLIC_MODE_DOC_ID),
    );
    return { access: access?.data(), publicEnabled: publicMode?.get("enabled") };
  };
}
