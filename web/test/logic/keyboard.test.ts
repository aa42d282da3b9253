import { describe, expect, it } from "vitest";
import { type KeyInput, keyAction, SHORTCUTS } from "../../src/logic/keyboard.js";

const key = (k: string, extra: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  inEditable: false,
  ...extra,
});

describe("keyboard shortcuts", () => {
  it("maps the documented keys", () => {
    expect(keyAction(key("c"))).toEqual({ type: "copy-newest" });
    expect(keyAction(key("1"))).toEqual({ type: "copy-pinned", slot: 1 });
    expect(keyAction(key("9"))).toEqual({ type: "copy-pinned", slot: 9 });
    expect(keyAction(key("0"))).toBeNull();
    expect(keyAction(key("/"))).toEqual({ type: "focus-filter" });
    expect(keyAction(key("?"))).toEqual({ type: "toggle-help" });
    expect(keyAction(key("p"))).toEqual({ type: "toggle-presenter" });
    expect(keyAction(key("m"))).toEqual({ type: "toggle-mask" });
    expect(keyAction(key("x"))).toBeNull();
  });

  it("copies a card's authenticator code on Shift and a digit key, whatever the layout types", () => {
    expect(keyAction(key("!", { shiftKey: true, code: "Digit1" }))).toEqual({
      type: "copy-authenticator",
      slot: 1,
    });
    expect(keyAction(key("(", { shiftKey: true, code: "Digit9" }))).toEqual({
      type: "copy-authenticator",
      slot: 9,
    });
    // AZERTY types digits with Shift: the digit it typed is still the plain copy.
    expect(keyAction(key("1", { shiftKey: true, code: "Digit1" }))).toEqual({
      type: "copy-pinned",
      slot: 1,
    });
    expect(keyAction(key(")", { shiftKey: true, code: "Digit0" }))).toBeNull();
    expect(keyAction(key("?", { shiftKey: true, code: "Slash" }))).toEqual({
      type: "toggle-help",
    });
    expect(keyAction(key("!", { shiftKey: true, code: "Digit1", inEditable: true }))).toBeNull();
  });

  it("leaves typing and browser shortcuts alone", () => {
    expect(keyAction(key("c", { inEditable: true }))).toBeNull();
    expect(keyAction(key("c", { ctrlKey: true }))).toBeNull();
    expect(keyAction(key("c", { metaKey: true }))).toBeNull();
    expect(keyAction(key("1", { altKey: true }))).toBeNull();
  });

  it("always lets Escape through", () => {
    expect(keyAction(key("Escape", { inEditable: true }))).toEqual({ type: "escape" });
  });

  it("documents every key it handles", () => {
    const documented = SHORTCUTS.map((s) => s.keys).join(" ");
    for (const k of ["c", "1 – 9", "Shift + 1 – 9", "/", "p", "m", "?", "Esc"])
      expect(documented).toContain(k);
  });
});
