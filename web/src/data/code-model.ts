// One codes listener's model of its query result, kept up to date from each
// snapshot's document changes instead of re-read from all of its documents.
// An unchanged document keeps the very same InboxCode object from snapshot to
// snapshot, so the page's memoised rows can tell "nothing changed" by identity;
// only added and modified documents are parsed. SDK-free (the listener hands
// it plain change records), so it is unit-tested without Firestore.
import type { ParseResult } from "../logic/parse-code.js";
import type { InboxCode } from "../logic/types.js";

/** What Firestore's DocumentChange says, reduced to what the model needs. */
export interface CodeDocChange {
  type: "added" | "modified" | "removed";
  id: string;
  /** Position in the previous result (-1 for added). */
  oldIndex: number;
  /** Position in the new result (-1 for removed). */
  newIndex: number;
  /** The document's data; read only for added and modified documents. */
  data(): Record<string, unknown>;
}

export type ParseCode = (id: string, data: Record<string, unknown>) => ParseResult;

export interface CodeModel {
  /**
   * Applies one snapshot's changes, in the order Firestore lists them, and
   * returns the codes in the query's order. With no change (a metadata-only
   * snapshot) it returns the same array as before.
   */
  apply(changes: readonly CodeDocChange[]): InboxCode[];
}

/**
 * @param parse turns a document into an InboxCode, or says why it cannot.
 * @param skipped told about each document it cannot show, once per change.
 */
export function createCodeModel(parse: ParseCode, skipped: (reason: string) => void): CodeModel {
  // Mirrors the query result one to one (Firestore's indexes count every
  // document), with null where a document could not be parsed.
  const entries: (InboxCode | null)[] = [];
  // Replaced, never mutated: callers may keep it.
  let items: InboxCode[] = [];
  const parsed = (change: CodeDocChange): InboxCode | null => {
    const result = parse(change.id, change.data());
    if (result.ok) return result.code;
    skipped(result.reason);
    return null;
  };
  return {
    apply(changes) {
      if (changes.length === 0) return items;
      for (const change of changes) {
        if (change.type === "added") {
          entries.splice(change.newIndex, 0, parsed(change));
        } else if (change.type === "removed") {
          entries.splice(change.oldIndex, 1);
        } else {
          const code = parsed(change);
          entries.splice(change.oldIndex, 1);
          entries.splice(change.newIndex, 0, code);
        }
      }
      items = entries.filter((code): code is InboxCode => code !== null);
      return items;
    },
  };
}
