// The signed-out screen: Google, or a sign-in link by email. Also finishes a
// sign-in when the page was opened from such a link.
import { useEffect, useState } from "preact/hooks";
import type { AuthActions } from "../data/inbox-data.js";
import { AuthFailure } from "../data/inbox-data.js";
import { describeAuthError, looksLikeEmail } from "../logic/auth-errors.js";
import { GoogleLogo, MailIcon } from "./icons.js";

type Step =
  | { kind: "choose" }
  | { kind: "emulated-google" }
  | { kind: "link-sent"; email: string }
  | { kind: "confirm-link" }
  | { kind: "completing" };

function messageOf(error: unknown): string | null {
  if (error instanceof AuthFailure) return describeAuthError(error.code);
  return error instanceof Error ? error.message : String(error);
}

function EmailField(props: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
}) {
  return (
    <>
      <label for={props.id}>Email address</label>
      <input
        id={props.id}
        type="email"
        autocomplete="email"
        placeholder={props.placeholder}
        value={props.value}
        onInput={(e) => props.onChange(e.currentTarget.value)}
        required
      />
    </>
  );
}

export function SignIn({ auth }: { auth: AuthActions }) {
  const [step, setStep] = useState<Step>({ kind: "choose" });
  const [email, setEmail] = useState("");
  const [googleEmail, setGoogleEmail] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<void>, onFail?: () => void) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(messageOf(failure));
      onFail?.();
    } finally {
      setBusy(false);
    }
  };

  // Opened from a sign-in link: finish signing in (asking for the address on another device).
  useEffect(() => {
    const pending = auth.pendingSignInLink();
    if (!pending) return;
    if (pending.email === null) {
      setStep({ kind: "confirm-link" });
      return;
    }
    const known = pending.email;
    setStep({ kind: "completing" });
    void run(
      () => auth.completeSignInLink(known),
      () => setStep({ kind: "choose" }),
    );
  }, []);

  const checkEmail = (value: string): boolean => {
    if (looksLikeEmail(value)) return true;
    setError("Enter a full email address, such as you@example.com.");
    return false;
  };

  const sendLink = (event: Event) => {
    event.preventDefault();
    const address = email.trim();
    if (!checkEmail(address)) return;
    void run(async () => {
      await auth.sendSignInLink(address);
      setStep({ kind: "link-sent", email: address });
    });
  };

  const google = () => {
    if (auth.signInWithEmulatedGoogle) {
      setError(null);
      setStep({ kind: "emulated-google" });
      return;
    }
    void run(() => auth.signInWithGoogle());
  };

  const emulatedGoogle = (event: Event) => {
    event.preventDefault();
    const address = googleEmail.trim();
    const signIn = auth.signInWithEmulatedGoogle;
    if (!signIn || !checkEmail(address)) return;
    void run(() => signIn(address));
  };

  const confirmLink = (event: Event) => {
    event.preventDefault();
    const address = email.trim();
    if (!checkEmail(address)) return;
    setStep({ kind: "completing" });
    void run(
      () => auth.completeSignInLink(address),
      () => setStep({ kind: "confirm-link" }),
    );
  };

  const openEmulatorLink = (address: string) => {
    const find = auth.emulatorSignInLink;
    if (!find) return;
    void run(async () => {
      const link = await find(address);
      if (!link) throw new Error("The Auth emulator has no sign-in link for this address yet.");
      location.assign(link);
    });
  };

  return (
    <section class="panel sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in to see the codes</h1>
      <p class="lead">
        One-time codes for the demo tenant's users arrive here live. Only people on the team's
        allow-list can read them.
      </p>

      {step.kind === "completing" && (
        <p class="progress" role="status">
          Signing you in…
        </p>
      )}

      {step.kind === "choose" && (
        <>
          <button type="button" class="button google" onClick={google} disabled={busy}>
            <GoogleLogo />
            Continue with Google
          </button>
          <div class="divider" aria-hidden="true">
            <span>or</span>
          </div>
          <form class="stack" onSubmit={sendLink} noValidate>
            <EmailField
              id="sign-in-email"
              value={email}
              onChange={setEmail}
              placeholder="you@example.com"
            />
            <button type="submit" class="button primary" disabled={busy}>
              <MailIcon />
              Email me a sign-in link
            </button>
          </form>
        </>
      )}

      {step.kind === "emulated-google" && (
        <form class="stack" onSubmit={emulatedGoogle} noValidate>
          <p class="local-note">
            <strong>Local Auth emulator.</strong> Its Google popup needs the internet, so pick the
            emulated Google account to sign in as.
          </p>
          <label for="google-email">Google account email</label>
          <input
            id="google-email"
            type="email"
            autocomplete="email"
            placeholder="you@example.com"
            value={googleEmail}
            onInput={(e) => setGoogleEmail(e.currentTarget.value)}
            required
          />
          <div class="row">
            <button type="submit" class="button google" disabled={busy}>
              <GoogleLogo />
              Sign in with Google
            </button>
            <button type="button" class="button quiet" onClick={() => setStep({ kind: "choose" })}>
              Back
            </button>
          </div>
        </form>
      )}

      {step.kind === "link-sent" && (
        <div class="stack" role="status">
          <p>
            <strong>Check your email.</strong> We sent a sign-in link to{" "}
            <strong>{step.email}</strong>. Open it in this browser to finish.
          </p>
          {auth.emulatorSignInLink && (
            <p class="local-note">
              <strong>Local Auth emulator:</strong> it sends no email; it keeps the link.{" "}
              <button
                type="button"
                class="link-button"
                onClick={() => openEmulatorLink(step.email)}
                disabled={busy}
              >
                Open the sign-in link
              </button>
            </p>
          )}
          <button type="button" class="button quiet" onClick={() => setStep({ kind: "choose" })}>
            Use another address
          </button>
        </div>
      )}

      {step.kind === "confirm-link" && (
        <form class="stack" onSubmit={confirmLink} noValidate>
          <p>This link was requested elsewhere. Confirm the address it was sent to.</p>
          <EmailField id="confirm-email" value={email} onChange={setEmail} />
          <button type="submit" class="button primary" disabled={busy}>
            Finish signing in
          </button>
        </form>
      )}

      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
