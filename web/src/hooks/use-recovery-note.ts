// Shows the recovery note (logic/recovery.ts) when the page is live again
// after being stale, or once after the page reloaded itself; it leaves by
// itself after NOTE_SHOWN_MS.
import { useEffect, useRef, useState } from "preact/hooks";
import type { HealActions } from "../data/inbox-data.js";
import type { ConnectionState } from "../logic/connection.js";
import {
  NOTE_SHOWN_MS,
  type RecoveryNote,
  type StaleSince,
  trackRecovery,
} from "../logic/recovery.js";

export function useRecoveryNote(
  heal: HealActions,
  connection: ConnectionState | null,
): { note: RecoveryNote | null; dismiss(): void } {
  const [note, setNote] = useState<RecoveryNote | null>(() => {
    const reloaded = heal.takeReloadNote();
    return reloaded ? { kind: "reloaded", ...reloaded } : null;
  });
  const staleSince = useRef<StaleSince>(null);
  const kind = connection?.kind ?? null;

  // Only a change of state matters, not every render.
  useEffect(() => {
    const tracked = trackRecovery(staleSince.current, connection, Date.now());
    staleSince.current = tracked.staleSince;
    if (tracked.note) setNote(tracked.note);
  }, [kind]);

  useEffect(() => {
    if (!note) return;
    const timer = setTimeout(() => setNote(null), NOTE_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [note]);

  return { note, dismiss: () => setNote(null) };
}
