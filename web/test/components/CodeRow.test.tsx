// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CodeRow, type CodeRowProps } from "../../src/components/CodeRow.js";
import type { InboxCode } from "../../src/logic/types.js";
import { makeCode, makeEmail } from "../support/codes.js";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** Alice's row for `code`, not superseded, fresh or masked; callbacks are fresh mocks unless given. */
function rowProps(code: InboxCode, overrides: Partial<CodeRowProps> = {}): CodeRowProps {
  return {
    code,
    labelPrimary: "Alice",
    labelSecondary: undefined,
    superseded: false,
    fresh: false,
    masked: false,
    revealed: false,
    copyState: "idle",
    onCopy: vi.fn(),
    onCopyLink: vi.fn(),
    onViewEmail: vi.fn(),
    onToggleReveal: vi.fn(),
    ...overrides,
  };
}

/** What Chromium dispatches on a `content-visibility: auto` row as it leaves or nears the viewport. */
function contentVisibility(element: Element, skipped: boolean) {
  const event = Object.assign(new Event("contentvisibilityautostatechange"), { skipped });
  act(() => {
    element.dispatchEvent(event);
  });
}

describe("a code row", () => {
  it("copies the code it shows now, not the one it was first rendered with", () => {
    // Stable callbacks, as the inbox screen hands them down: the row is memoised.
    const onCopy = vi.fn((_code: InboxCode, _who: string) => {});
    const onToggleReveal = vi.fn();
    const code = makeCode({ code: "111111" });
    const props = (shown: InboxCode) => rowProps(shown, { onCopy, onToggleReveal });
    const { rerender } = render(
      <ol>
        <CodeRow {...props(code)} />
      </ol>,
    );
    rerender(
      <ol>
        <CodeRow {...props({ ...code, code: "222222" })} />
      </ol>,
    );
    expect(screen.getByText("222222")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Copy code for Alice" }));
    expect(onCopy).toHaveBeenCalledTimes(1);
    expect(onCopy.mock.calls[0]?.[0].code).toBe("222222");
    expect(onCopy.mock.calls[0]?.[1]).toBe("Alice");
  });

  it("shows an email's link as text to copy and a link to click, never fetching it", () => {
    const onCopyLink = vi.fn();
    const email = makeEmail();
    render(
      <ol>
        <CodeRow {...rowProps(email, { onCopyLink })} />
      </ol>,
    );
    const copy = screen.getByRole("button", { name: "Copy link for Alice" });
    const open = screen.getByRole("link", { name: "Open the link for Alice in a new tab" });
    // Copy link comes first: a magic link belongs in the browser that asked for it.
    expect(copy.compareDocumentPosition(open) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(open.getAttribute("href")).toBe(email.email?.mainLink?.url);
    expect(open.getAttribute("target")).toBe("_blank");
    expect(open.getAttribute("rel")).toBe("noopener noreferrer");
    expect(open.getAttribute("referrerpolicy")).toBe("no-referrer");
    expect(document.querySelector("link[rel=prefetch], link[rel=prerender]")).toBeNull();
    fireEvent.click(copy);
    expect(onCopyLink).toHaveBeenCalledWith(email, "Alice");
  });

  it("stops its clock while the browser skips it off screen, and is current again when shown", () => {
    // On a tick (whole second + 5 ms, logic/render-slots.ts), so ages move by whole seconds.
    vi.useFakeTimers({ now: Date.parse("2026-12-07T12:00:00.005Z") });
    const code = makeCode({ receivedAt: Date.now() - 10_000 });
    render(
      <ol>
        <CodeRow {...rowProps(code)} />
      </ol>,
    );
    const row = document.querySelector(".code-row") as Element;
    const age = () => row.querySelector(".age")?.textContent;
    expect(age()).toBe("10 s ago");
    act(() => {
      vi.advanceTimersByTime(2_000);
    });
    expect(age()).toBe("12 s ago");

    contentVisibility(row, true);
    act(() => {
      vi.advanceTimersByTime(3_000);
    });
    expect(age()).toBe("12 s ago");

    contentVisibility(row, false);
    expect(age()).toBe("15 s ago");
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(age()).toBe("16 s ago");
  });
});
