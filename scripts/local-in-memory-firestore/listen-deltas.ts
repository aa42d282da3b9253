// Turns the emulator's Listen answers into the ones production Firestore sends.
// The in-memory emulator (like Google's) answers every write with a RESET of
// each affected target and then sends every document of the target again.
// Production sends only what changed: the new or updated documents, and a
// removal for each one that left the target. The browser SDK accepts both, but
// a full resend costs the page a decode and re-sort of up to its whole window
// per write, which a production page never pays and a benchmark must not
// measure. One instance per target call: the gateway opens one call per target.
import type { ListenResponseJson } from "./proto-json.js";

interface DocumentJson {
  name: string;
  updateTime?: string;
}

interface TargetChangeJson {
  targetChangeType?: string;
  targetIds?: number[];
}

/** What the client holds for a document: its update time, or the whole document when it has none. */
function versionOf(document: DocumentJson): string {
  return document.updateTime ?? JSON.stringify(document);
}

export class ListenDeltas {
  /** The target's documents as the client has them: name → version. */
  private held = new Map<string, string>();
  /** Between a RESET and the target's next CURRENT: the resent documents, in order. */
  private resending: Map<string, { version: string; response: ListenResponseJson }> | undefined;

  constructor(private readonly targetId: number) {}

  /** The responses to pass on for one emulator response, in order; often none during a resend. */
  apply(response: ListenResponseJson): ListenResponseJson[] {
    const change = response.targetChange as TargetChangeJson | undefined;
    if (change) return this.applyTargetChange(response, change);

    const documentChange = response.documentChange as
      | { document?: DocumentJson; targetIds?: number[] }
      | undefined;
    if (documentChange?.document) {
      const { document } = documentChange;
      if (!documentChange.targetIds?.includes(this.targetId)) {
        // A change that takes the document out of this target.
        this.resending?.delete(document.name);
        this.held.delete(document.name);
        return [response];
      }
      if (this.resending) {
        this.resending.set(document.name, { version: versionOf(document), response });
        return [];
      }
      this.held.set(document.name, versionOf(document));
      return [response];
    }

    const gone = (response.documentDelete ?? response.documentRemove) as
      | { document?: string }
      | undefined;
    if (typeof gone?.document === "string") {
      this.resending?.delete(gone.document);
      this.held.delete(gone.document);
    }
    return [response];
  }

  private applyTargetChange(
    response: ListenResponseJson,
    change: TargetChangeJson,
  ): ListenResponseJson[] {
    const forThisTarget = change.targetIds?.includes(this.targetId) ?? false;
    switch (forThisTarget ? change.targetChangeType : undefined) {
      case "RESET":
        // Held back: the client would drop every document it has and wait for all of them again.
        this.resending = new Map();
        return [];
      case "CURRENT":
        return [...this.endResend(), response];
      case "REMOVE":
        this.resending = undefined;
        this.held.clear();
        return [response];
      default:
        // A global NO_CHANGE ends the emulator's batch; a resend still open by then
        // (no CURRENT came) ends here, so the client is never left without its documents.
        return change.targetIds?.length ? [response] : [...this.endResend(), response];
    }
  }

  /** The resend's difference from what the client holds: changed documents, then removals. */
  private endResend(): ListenResponseJson[] {
    const resent = this.resending;
    if (!resent) return [];
    this.resending = undefined;
    const out: ListenResponseJson[] = [];
    for (const [name, { version, response }] of resent) {
      if (this.held.get(name) !== version) out.push(response);
    }
    for (const name of this.held.keys()) {
      if (!resent.has(name)) {
        // No read time: the SDK drops the document from its cache, as for a
        // document that left the query; a deleted one is gone either way.
        out.push({ documentRemove: { document: name, removedTargetIds: [this.targetId] } });
      }
    }
    this.held = new Map([...resent].map(([name, { version }]) => [name, version]));
    return out;
  }
}
