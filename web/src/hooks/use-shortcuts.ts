// Keyboard shortcuts, listened for on the whole document. Each part of the page
// registers the shortcuts it acts on, so an inbox-only key does nothing while
// another screen shows.
import { useEffect, useRef } from "preact/hooks";
import { keyAction, type ShortcutAction } from "../logic/keyboard.js";

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * @param handle acts on a shortcut and returns true, or returns false to leave
 *   the key to the browser. The latest render's handler is the one called.
 */
export function useShortcuts(handle: (action: ShortcutAction) => boolean): void {
  const latest = useRef(handle);
  latest.current = handle;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = keyAction({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        shiftKey: event.shiftKey,
        code: event.code,
        inEditable: isEditable(event.target),
      });
      if (action && latest.current(action)) event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}
