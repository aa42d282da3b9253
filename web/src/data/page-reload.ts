// The watchdog's last resort: reloading the page, at most once in
// RELOAD_GUARD_MS so that a fault a reload does not cure cannot loop. The
// reason is kept in sessionStorage so the reloaded page can say why it
// happened; preferences live in localStorage and survive it.
import type { ReloadNote } from "./inbox-data.js";

const KEY = "sms-inbox.self-reload";
export const RELOAD_GUARD_MS = 5 * 60_000;

function readNote(): ReloadNote | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const note = JSON.parse(raw) as Partial<ReloadNote>;
    return typeof note.at === "number" && typeof note.reason === "string"
      ? { at: note.at, reason: note.reason }
      : null;
  } catch {
    return null;
  }
}

/** Reloads unless the page already reloaded itself recently; false when it did not. */
export function reloadPage(reason: string): boolean {
  const last = readNote();
  if (last && Date.now() - last.at < RELOAD_GUARD_MS) return false;
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ at: Date.now(), reason, shown: false }));
  } catch {
    // Storage refused (private mode): reload all the same, without the note.
  }
  location.reload();
  return true;
}

/** The note of a reload the page did itself, once, right after it. */
export function takeReloadNote(): ReloadNote | null {
  const note = readNote();
  if (!note) return null;
  try {
    const raw = JSON.parse(sessionStorage.getItem(KEY) ?? "{}") as { shown?: boolean };
    if (raw.shown) return null;
    // The time stays (it guards the next reload); only the note is used up.
    sessionStorage.setItem(KEY, JSON.stringify({ ...note, shown: true }));
  } catch {
    return null;
  }
  return Date.now() - note.at < RELOAD_GUARD_MS ? note : null;
}
