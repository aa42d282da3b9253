// @vitest-environment happy-dom
import { act, cleanup, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { lazy } from "../../src/components/lazy.js";

const settle = () =>
  act(async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  });

const Greeting = ({ name }: { name: string }) => <p>Hello {name}</p>;

afterEach(cleanup);

describe("lazy", () => {
  it("shows the fallback, then the loaded part with its props, loading it once", async () => {
    const load = vi.fn(async () => Greeting);
    const Lazy = lazy(load, () => <p>Loading…</p>);
    render(<Lazy name="Ava" />);
    expect(screen.getByText("Loading…")).toBeTruthy();
    await settle();
    expect(screen.getByText("Hello Ava")).toBeTruthy();
    cleanup();
    render(<Lazy name="Ben" />);
    expect(screen.getByText("Hello Ben")).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("says so when the part cannot be loaded, and tries again next time it is shown", async () => {
    const load = vi
      .fn<() => Promise<typeof Greeting>>()
      .mockRejectedValueOnce(new TypeError("Failed to fetch dynamically imported module"))
      .mockResolvedValue(Greeting);
    const Lazy = lazy(load);
    render(<Lazy name="Ava" />);
    await settle();
    expect(screen.getByRole("alert").textContent).toContain("could not be loaded");
    expect(screen.getByRole("button", { name: "Reload the page" })).toBeTruthy();
    cleanup();
    render(<Lazy name="Ava" />);
    await settle();
    expect(screen.getByText("Hello Ava")).toBeTruthy();
  });
});
