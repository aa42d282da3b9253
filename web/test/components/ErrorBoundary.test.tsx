// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ErrorBoundary } from "../../src/components/ErrorBoundary.js";

afterEach(cleanup);

function Exploding({ when }: { when: boolean }) {
  if (when) throw new Error("a code document the page could not render");
  return <p>Codes</p>;
}

describe("the error boundary", () => {
  it("shows what went wrong and how to recover instead of a white screen", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    render(
      <ErrorBoundary>
        <Exploding when />
      </ErrorBoundary>,
    );
    expect(screen.getByRole("heading", { name: "The inbox page stopped" })).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toContain(
      "a code document the page could not render",
    );
    expect(screen.getByRole("button", { name: "Reload the page" })).toBeTruthy();
  });

  it("lets the reader try to continue once the cause is gone", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    let explode = true;
    const Flaky = () => <Exploding when={explode} />;
    render(
      <ErrorBoundary>
        <Flaky />
      </ErrorBoundary>,
    );
    explode = false;
    fireEvent.click(screen.getByRole("button", { name: "Try to continue" }));
    expect(screen.getByText("Codes")).toBeTruthy();
  });
});
