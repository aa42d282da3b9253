// The presenter's remembered choices. Stored as one JSON string; anything
// unreadable falls back to the defaults (everything off).

export interface Preferences {
  presenter: boolean;
  mask: boolean;
  notifications: boolean;
  sound: boolean;
}

export const DEFAULT_PREFERENCES: Preferences = {
  presenter: false,
  mask: false,
  notifications: false,
  sound: false,
};

export const PREFERENCES_KEY = "sms-inbox.preferences";

export function parsePreferences(raw: string | null): Preferences {
  if (!raw) return DEFAULT_PREFERENCES;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return DEFAULT_PREFERENCES;
  }
  if (typeof parsed !== "object" || parsed === null) return DEFAULT_PREFERENCES;
  const record = parsed as Record<string, unknown>;
  const flag = (key: keyof Preferences) =>
    typeof record[key] === "boolean" ? (record[key] as boolean) : DEFAULT_PREFERENCES[key];
  return {
    presenter: flag("presenter"),
    mask: flag("mask"),
    notifications: flag("notifications"),
    sound: flag("sound"),
  };
}

export const serializePreferences = (prefs: Preferences): string => JSON.stringify(prefs);
