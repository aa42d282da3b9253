// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CodeRow, type CodeRowProps } from "../../src/components/CodeRow.js";
import type { InboxCode } from "../../src/logic/types.js";
import { makeCode, makeEmail } from "../support/codes.js";

afterEach(cleanup);

describe("a code row", () => {
  it("copies the code it shows now, not the one it was first rendered with", () => {
    // Stable callbacks, as the inbox screen hands them down: the row is memoised.
    const onCopy = vi.fn((_code: InboxCode, _who: string) => {});
    const onToggleReveal = vi.fn();
    const code = makeCode({ code: "111111" });
    const props = (shown: InboxCode): CodeRowProps => ({
      code: shown,
      labelPrimary: "Alice",
      labelSecondary: undefined,
      superseded: false,
      fresh: false,
      masked: false,
      revealed: false,
      copyState: "idle",
      onCopy,
      onCopyLink: vi.fn(),
      onViewEmail: vi.fn(),
      onToggleReveal,
    });
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
        <CodeRow
          code={email}
          labelPrimary="Alice"
          labelSecondary={undefined}
          superseded={false}
          fresh={false}
          masked={false}
          revealed={false}
          copyState="idle"
          onCopy={vi.fn()}
          onCopyLink={onCopyLink}
          onViewEmail={vi.fn()}
          onToggleReveal={vi.fn()}
        />
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
});
