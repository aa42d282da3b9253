import { useCallback, useState } from "preact/hooks";
import {
  PREFERENCES_KEY,
  type Preferences,
  parsePreferences,
  serializePreferences,
} from "../logic/preferences.js";

function load(): Preferences {
  try {
    return parsePreferences(localStorage.getItem(PREFERENCES_KEY));
  } catch {
    return parsePreferences(null);
  }
}

/** Presenter choices, remembered in localStorage (when the browser allows it). */
export function usePreferences(): [Preferences, (change: Partial<Preferences>) => void] {
  const [prefs, setPrefs] = useState(load);
  const update = useCallback((change: Partial<Preferences>) => {
    setPrefs((current) => {
      const next = { ...current, ...change };
      try {
        localStorage.setItem(PREFERENCES_KEY, serializePreferences(next));
      } catch {
        // Private mode or storage full: the choice holds for this visit only.
      }
      return next;
    });
  }, []);
  return [prefs, update];
}
