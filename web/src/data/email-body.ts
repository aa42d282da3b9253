// An email's HTML for "View email": one document read, by id, when a person
// opens the viewer, never with the codes query (which stays small). The
// HTML is handed on as text; only the viewer's sandboxed frame renders it.
import { doc, type Firestore, getDoc } from "firebase/firestore";
import { COLLECTIONS } from "functions/contract/firestore-schema";
import { parseEmailBody } from "../logic/parse-email.js";
import type { EmailBody } from "../logic/types.js";

/** otpEmailBodies/{codeId}; null when it is gone (expired) or holds no HTML. */
export async function readEmailBody(db: Firestore, codeId: string): Promise<EmailBody | null> {
  const snapshot = await getDoc(doc(db, COLLECTIONS.emailBodies, codeId));
  if (!snapshot.exists()) return null;
  return parseEmailBody(snapshot.data()) ?? null;
}
