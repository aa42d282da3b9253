// config/public {enabled}: when on, codes are readable without signing in.
import { doc, type Firestore, onSnapshot } from "firebase/firestore";
import {
  COLLECTIONS,
  PUBLIC_MODE_DOC_ID,
  type PublicModeConfig,
} from "functions/contract/firestore-schema";
import type { DataError } from "../logic/types.js";
import { toDataError } from "./errors.js";
import type { Unsubscribe } from "./inbox-data.js";

export function watchPublicMode(
  db: Firestore,
  handlers: { next(enabled: boolean): void; error(error: DataError): void },
): Unsubscribe {
  return onSnapshot(
    doc(db, COLLECTIONS.config, PUBLIC_MODE_DOC_ID),
    { includeMetadataChanges: true },
    (snapshot) => {
      // A cached "missing" would flash the sign-in screen before the server answers.
      if (snapshot.metadata.fromCache) return;
      const data = snapshot.data() as Partial<PublicModeConfig> | undefined;
      handlers.next(data?.enabled === true);
    },
    // The page keeps what it knew and subscribes again (hooks/use-inbox.ts).
    (error) => handlers.error(toDataError(error)),
  );
}
