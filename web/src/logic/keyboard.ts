// Keyboard shortcuts. Single keys without modifiers (Shift with a digit
// aside), ignored while typing in a field (except Escape), so they never fight
// the browser or a screen reader.

export type ShortcutAction =
  | { type: "copy-newest" }
  | { type: "copy-pinned"; slot: number }
  | { type: "copy-authenticator"; slot: number }
  | { type: "focus-filter" }
  | { type: "toggle-help" }
  | { type: "toggle-presenter" }
  | { type: "toggle-mask" }
  | { type: "escape" };

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey?: boolean;
  /**
   * The physical key (KeyboardEvent.code, e.g. "Digit1"): Shift+1 types "!"
   * on one layout and "1" on another, so Shift+digit goes by the key itself.
   */
  code?: string;
  /** The event target is an input, textarea, select or contenteditable. */
  inEditable: boolean;
}

export function keyAction(input: KeyInput): ShortcutAction | null {
  if (input.key === "Escape") return { type: "escape" };
  if (input.inEditable || input.ctrlKey || input.metaKey || input.altKey) return null;
  if (/^[1-9]$/.test(input.key)) return { type: "copy-pinned", slot: Number(input.key) };
  // A layout whose digits need Shift (AZERTY) typed a digit above: that stays copy-pinned.
  const digit = /^Digit([1-9])$/.exec(input.code ?? "")?.[1];
  if (input.shiftKey && digit) return { type: "copy-authenticator", slot: Number(digit) };
  switch (input.key) {
    case "c":
      return { type: "copy-newest" };
    case "/":
      return { type: "focus-filter" };
    case "?":
      return { type: "toggle-help" };
    case "p":
      return { type: "toggle-presenter" };
    case "m":
      return { type: "toggle-mask" };
    default:
      return null;
  }
}

/** The list shown on "?"; keep in step with keyAction. */
export const SHORTCUTS: readonly { keys: string; description: string }[] = [
  { keys: "c", description: "Copy the newest code" },
  {
    keys: "1 – 9",
    description: "Copy the latest code of pinned user 1–9 (their authenticator code if none came)",
  },
  { keys: "Shift + 1 – 9", description: "Copy the authenticator code of pinned user 1–9" },
  { keys: "/", description: "Filter by name or number" },
  { keys: "p", description: "Presenter mode (large type)" },
  { keys: "m", description: "Mask codes until clicked" },
  { keys: "?", description: "Show or hide this list" },
  { keys: "Esc", description: "Close this list, or clear the filter" },
];
