// @vitest-environment happy-dom
import { cleanup, render } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { ConnectionIndicator } from "../../src/components/ConnectionIndicator.js";
import type { ConnectionState } from "../../src/logic/connection.js";

afterEach(cleanup);

const LIVE: ConnectionState = { kind: "live" };
const CHECKING: ConnectionState = { kind: "checking" };
const RECONNECTING: ConnectionState = {
  kind: "reconnecting",
  lastSyncedAt: 0,
  reason: "network",
};

describe("the connection indicator's pulse", () => {
  const dot = () => document.querySelector(".connection .dot");

  it("plays on turning live and is not restarted by a freshness check", () => {
    const { rerender } = render(<ConnectionIndicator state={CHECKING} />);
    expect(dot()?.classList.contains("pulse")).toBe(false);
    rerender(<ConnectionIndicator state={LIVE} />);
    const first = dot();
    expect(first?.classList.contains("pulse")).toBe(true);
    // A check every few seconds under a stream: the same dot, still pulsing
    // (an animation restarts only on a new element or a new animation value).
    rerender(<ConnectionIndicator state={CHECKING} />);
    rerender(<ConnectionIndicator state={LIVE} />);
    expect(dot()).toBe(first);
    expect(dot()?.classList.contains("pulse")).toBe(true);
    expect(document.querySelector(".connection")?.textContent).toBe("Live");
  });

  it("plays again on turning live after a reconnect", () => {
    const { rerender } = render(<ConnectionIndicator state={LIVE} />);
    const first = dot();
    rerender(<ConnectionIndicator state={RECONNECTING} />);
    expect(dot()?.classList.contains("pulse")).toBe(false);
    rerender(<ConnectionIndicator state={LIVE} />);
    expect(dot()).not.toBe(first);
    expect(dot()?.classList.contains("pulse")).toBe(true);
  });
});
