// What every test of the whole page in happy-dom sets up: a fake clock at a
// given instant (timers and Date, not microtasks, so promises still settle),
// a clipboard whose writes the test reads back, and empty preferences.
import { cleanup } from "@testing-library/preact";
import { afterEach, beforeEach, type Mock, vi } from "vitest";

export function fakePageEnvironment(
  nowMs: number,
  writeText: Mock<(text: string) => Promise<void>>,
) {
  beforeEach(() => {
    vi.useFakeTimers({
      now: nowMs,
      toFake: ["Date", "setTimeout", "clearTimeout", "setInterval", "clearInterval"],
    });
    writeText.mockClear();
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    localStorage.clear();
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });
}
