// A listener on a small collection the page shows whole (labels, people,
// authenticators): every document read through its contract's reader, the
// ones it cannot read left out, and Firestore's errors as the page's own.
import { collection, type Firestore, onSnapshot } from "firebase/firestore";
import { toDataError } from "./errors.js";
import type { SnapshotHandlers, Unsubscribe } from "./inbox-data.js";

export function watchCollection<T>(
  db: Firestore,
  path: string,
  read: (id: string, data: Record<string, unknown>) => T | null | undefined,
  handlers: SnapshotHandlers<T[]>,
  options: { includeMetadataChanges?: boolean } = {},
): Unsubscribe {
  return onSnapshot(
    collection(db, path),
    { includeMetadataChanges: options.includeMetadataChanges ?? false },
    (snapshot) => {
      const items: T[] = [];
      for (const doc of snapshot.docs) {
        const item = read(doc.id, doc.data({ serverTimestamps: "estimate" }));
        if (item !== undefined && item !== null) items.push(item);
      }
      handlers.next({ items, fromCache: snapshot.metadata.fromCache });
    },
    (error) => handlers.error(toDataError(error)),
  );
}
