// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SignIn } from "../../src/components/SignIn.js";
import { type AuthActions, AuthFailure } from "../../src/data/inbox-data.js";

function actions(overrides: Partial<AuthActions> = {}): AuthActions {
  return {
    signInWithGoogle: vi.fn(async () => {}),
    sendSignInLink: vi.fn(async () => {}),
    pendingSignInLink: vi.fn(() => null),
    completeSignInLink: vi.fn(async () => {}),
    signOut: vi.fn(async () => {}),
    ...overrides,
  };
}

const settle = () =>
  act(async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  });

afterEach(cleanup);

describe("sign-in screen", () => {
  it("emails a sign-in link and says where to look", async () => {
    const auth = actions();
    render(<SignIn auth={auth} />);
    fireEvent.input(screen.getByLabelText("Email address"), {
      target: { value: " alice@example.com " },
    });
    fireEvent.click(screen.getByRole("button", { name: /Email me a sign-in link/ }));
    await settle();
    expect(auth.sendSignInLink).toHaveBeenCalledWith("alice@example.com");
    expect(screen.getByText(/Check your email/)).toBeTruthy();
    expect(screen.getByText("alice@example.com")).toBeTruthy();
  });

  it("refuses an address that is not one, before asking Firebase", async () => {
    const auth = actions();
    render(<SignIn auth={auth} />);
    fireEvent.input(screen.getByLabelText("Email address"), { target: { value: "alice" } });
    fireEvent.click(screen.getByRole("button", { name: /Email me a sign-in link/ }));
    await settle();
    expect(auth.sendSignInLink).not.toHaveBeenCalled();
    expect(screen.getByRole("alert").textContent).toMatch(/full email address/);
  });

  it("uses Google's popup in production builds", async () => {
    const auth = actions();
    render(<SignIn auth={auth} />);
    fireEvent.click(screen.getByRole("button", { name: /Continue with Google/ }));
    await settle();
    expect(auth.signInWithGoogle).toHaveBeenCalled();
  });

  it("asks for the emulated Google account in emulator builds", async () => {
    const signInWithEmulatedGoogle = vi.fn(async (_email: string) => {});
    const auth = actions({ signInWithEmulatedGoogle });
    render(<SignIn auth={auth} />);
    fireEvent.click(screen.getByRole("button", { name: /Continue with Google/ }));
    expect(screen.getByText(/Local Auth emulator/)).toBeTruthy();
    fireEvent.input(screen.getByLabelText("Google account email"), {
      target: { value: "presenter@sms-inbox.test" },
    });
    fireEvent.click(screen.getByRole("button", { name: /Sign in with Google/ }));
    await settle();
    expect(signInWithEmulatedGoogle).toHaveBeenCalledWith("presenter@sms-inbox.test");
    expect(auth.signInWithGoogle).not.toHaveBeenCalled();
  });

  it("offers the emulator's stored link after sending one locally", async () => {
    const emulatorSignInLink = vi.fn(async () => null);
    const auth = actions({ emulatorSignInLink });
    render(<SignIn auth={auth} />);
    fireEvent.input(screen.getByLabelText("Email address"), {
      target: { value: "a@example.com" },
    });
    fireEvent.click(screen.getByRole("button", { name: /Email me a sign-in link/ }));
    await settle();
    fireEvent.click(screen.getByRole("button", { name: "Open the sign-in link" }));
    await settle();
    expect(emulatorSignInLink).toHaveBeenCalledWith("a@example.com");
    expect(screen.getByRole("alert").textContent).toMatch(/no sign-in link/);
  });

  it("finishes a sign-in link opened in the same browser by itself", async () => {
    const auth = actions({ pendingSignInLink: () => ({ email: "alice@example.com" }) });
    render(<SignIn auth={auth} />);
    expect(screen.getByText("Signing you in…")).toBeTruthy();
    await settle();
    expect(auth.completeSignInLink).toHaveBeenCalledWith("alice@example.com");
  });

  it("asks for the address when the link was requested elsewhere", async () => {
    const auth = actions({ pendingSignInLink: () => ({ email: null }) });
    render(<SignIn auth={auth} />);
    fireEvent.input(screen.getByLabelText("Email address"), {
      target: { value: "alice@example.com" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Finish signing in" }));
    await settle();
    expect(auth.completeSignInLink).toHaveBeenCalledWith("alice@example.com");
  });

  it("explains a used or expired link and lets the user start again", async () => {
    const auth = actions({
      pendingSignInLink: () => ({ email: "alice@example.com" }),
      completeSignInLink: vi.fn(async () => {
        throw new AuthFailure("auth/invalid-action-code", "INVALID_OOB_CODE");
      }),
    });
    render(<SignIn auth={auth} />);
    await settle();
    expect(screen.getByRole("alert").textContent).toMatch(/expired or has already been used/);
    expect(screen.getByRole("button", { name: /Email me a sign-in link/ })).toBeTruthy();
  });

  it("stays quiet when the user closes Google's popup", async () => {
    const auth = actions({
      signInWithGoogle: vi.fn(async () => {
        throw new AuthFailure("auth/popup-closed-by-user", "closed");
      }),
    });
    render(<SignIn auth={auth} />);
    fireEvent.click(screen.getByRole("button", { name: /Continue with Google/ }));
    await settle();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says what to do when the browser blocks Google's popup, and keeps the email link", async () => {
    const auth = actions({
      signInWithGoogle: vi.fn(async () => {
        throw new AuthFailure("auth/popup-blocked", "blocked");
      }),
    });
    render(<SignIn auth={auth} />);
    fireEvent.click(screen.getByRole("button", { name: /Continue with Google/ }));
    await settle();
    expect(screen.getByRole("alert").textContent).toMatch(/Allow pop-ups for this site/);
    expect(screen.getByRole("button", { name: /Email me a sign-in link/ })).toBeTruthy();
  });
});
