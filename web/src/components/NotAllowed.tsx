import { useEffect, useState } from "preact/hooks";
import { useClipboard } from "../hooks/use-clipboard.js";
import type { SignedInUser } from "../logic/types.js";
import { SignOutIcon } from "./icons.js";

export interface NotAllowedProps {
  user: SignedInUser;
  accessContact: string;
  /** Calls onRetry this often, so access granted meanwhile shows up without a click. */
  recheckSeconds: number;
  onRetry(): void;
  onSignOut(): void;
}

/** Signed in, but the allow-list does not include this account. */
export function NotAllowed(props: NotAllowedProps) {
  const { user, accessContact, recheckSeconds, onRetry } = props;
  const clipboard = useClipboard();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    const timer = setInterval(onRetry, recheckSeconds * 1000);
    return () => clearInterval(timer);
  }, [recheckSeconds, onRetry]);
  const who = user.email ?? user.displayName ?? user.uid;
  const command = `npm run access -- add ${user.email ?? "<your address>"}`;
  return (
    <section class="panel not-allowed" aria-labelledby="not-allowed-title">
      <h1 id="not-allowed-title">You don't have access yet</h1>
      <p class="lead">
        You are signed in as <strong class="signed-in-as">{who}</strong>, which is not on this
        inbox's allow-list.
      </p>
      {!user.emailVerified && (
        <p class="form-error">
          This account's email address is not verified; only verified addresses can be allowed. Sign
          in with Google or an email link instead.
        </p>
      )}
      <p>
        Ask <strong>{accessContact}</strong> to add your address (or your whole domain) with:
      </p>
      <div class="command">
        <code>{command}</code>
        <button
          type="button"
          class="button quiet small"
          onClick={() => void clipboard.copy("command", command).then(setCopied)}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <p class="muted">This page checks again every {recheckSeconds} seconds.</p>
      <div class="row">
        <button type="button" class="button primary" onClick={onRetry}>
          Check again now
        </button>
        <button type="button" class="button quiet" onClick={props.onSignOut}>
          <SignOutIcon />
          Sign out
        </button>
      </div>
    </section>
  );
}
