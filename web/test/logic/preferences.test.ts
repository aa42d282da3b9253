import { describe, expect, it } from "vitest";
import {
  DEFAULT_PREFERENCES,
  parsePreferences,
  serializePreferences,
} from "../../src/logic/preferences.js";

describe("preferences", () => {
  it("starts with everything off", () => {
    expect(parsePreferences(null)).toEqual({
      presenter: false,
      mask: false,
      notifications: false,
      sound: false,
    });
  });

  it("round-trips", () => {
    const prefs = { presenter: true, mask: true, notifications: false, sound: true };
    expect(parsePreferences(serializePreferences(prefs))).toEqual(prefs);
  });

  it("survives junk", () => {
    expect(parsePreferences("{not json")).toEqual(DEFAULT_PREFERENCES);
    expect(parsePreferences("42")).toEqual(DEFAULT_PREFERENCES);
    expect(parsePreferences('{"sound":"yes","mask":true}')).toEqual({
      ...DEFAULT_PREFERENCES,
      mask: true,
    });
  });
});
