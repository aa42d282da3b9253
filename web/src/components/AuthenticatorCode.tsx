// A card's authenticator (TOTP): its current code, large and copyable like
// any code, the seconds it has left, and in its last seconds the next code
// as well. What it shows changes only at the step's deadlines (the next code
// appearing, the step ending), woken by one timer; the seconds tick inside
// StepCountdown alone, and the bar runs as a CSS animation restarted per
// step, so nothing renders on every frame.

import type { AuthenticatorStepCode } from "functions/contract/authenticator";
import { useContext, useState } from "preact/hooks";
import { ClockOffsetContext, useServerNow } from "../hooks/use-server-now.js";
import { useTimedMemo } from "../hooks/use-timed-memo.js";
import {
  type AuthenticatorCodes,
  authenticatorDisplay,
  elapsedInStep,
  NEXT_CODE_SHOWN_MS,
  nextDisplayChange,
  secondsLeft,
} from "../logic/authenticator.js";
import { CodeValue } from "./CodeValue.js";
import { CopyButton } from "./CopyButton.js";
import { memo } from "./memo.js";

/** What an authenticator Copy acts on: whose code, and which step's. */
export interface AuthenticatorCopy {
  key: string;
  label: string;
  code: AuthenticatorStepCode;
  /** The next step's code (shown in the current step's last seconds). */
  next: boolean;
}

/** Masked codes are revealed per step, so a revealed next code stays revealed once current. */
export const authenticatorRevealId = (userKey: string, code: AuthenticatorStepCode) =>
  `authenticator:${userKey}:${code.validFrom}`;

/** A card's copy feedback for its current and its next authenticator code. */
export const authenticatorCopyKey = (userKey: string, next: boolean) =>
  `${next ? "authenticator-next" : "authenticator"}:${userKey}`;

export interface AuthenticatorCodeProps {
  userKey: string;
  label: string;
  /** The codes last answered; undefined until the endpoint has answered for this person. */
  codes: AuthenticatorCodes | undefined;
  /** The endpoint has answered at all (without this person: their secret is missing or unreadable). */
  answered: boolean;
  /** The endpoint's failure as a sentence, or null. */
  error: string | null;
  masked: boolean;
  revealed: ReadonlySet<string>;
  copyState: "idle" | "copied" | "failed";
  nextCopyState: "idle" | "copied" | "failed";
  /** Stable. */
  onCopy(copy: AuthenticatorCopy): void;
  /** Stable. */
  onToggleReveal(id: string): void;
}

export const AuthenticatorCode = memo(function AuthenticatorCode(props: AuthenticatorCodeProps) {
  const { userKey, label, codes, error, masked, revealed } = props;
  const offset = useContext(ClockOffsetContext);
  const display = useTimedMemo(
    (browserNow) => {
      if (!codes) return { value: null, next: undefined };
      const now = browserNow - offset;
      const change = nextDisplayChange(codes, now);
      return {
        value: authenticatorDisplay(codes, now),
        next: change === undefined ? undefined : change + offset,
      };
    },
    [codes, offset],
  );
  const current = display?.current;
  const next = display?.next;
  return (
    <div class="pinned-authenticator" data-authenticator={userKey}>
      <p class="authenticator-head">
        <span class="badge tone-info">Authenticator</span>
        {current && <StepCountdown key={current.validFrom} code={current} />}
      </p>
      {current ? (
        <div class="pinned-code authenticator-current">
          <CodeValue
            code={current.code}
            masked={masked}
            revealed={revealed.has(authenticatorRevealId(userKey, current))}
            onToggleReveal={() => props.onToggleReveal(authenticatorRevealId(userKey, current))}
            size="huge"
          />
          <CopyButton
            label={`Copy ${label}'s authenticator code`}
            state={props.copyState}
            onCopy={() => props.onCopy({ key: userKey, label, code: current, next: false })}
            prominent
          />
        </div>
      ) : (
        !error && (
          <p class="authenticator-note muted">
            {codes
              ? "Updating…"
              : props.answered
                ? "No codes from the server for this authenticator: is its secret stored? (npm run authenticator -- list)"
                : "Fetching codes…"}
          </p>
        )
      )}
      {next && (
        <div class="authenticator-next">
          <span class="authenticator-next-label">Next</span>
          <CodeValue
            code={next.code}
            masked={masked}
            revealed={revealed.has(authenticatorRevealId(userKey, next))}
            onToggleReveal={() => props.onToggleReveal(authenticatorRevealId(userKey, next))}
          />
          <CopyButton
            label={`Copy ${label}'s next authenticator code`}
            state={props.nextCopyState}
            onCopy={() => props.onCopy({ key: userKey, label, code: next, next: true })}
          />
        </div>
      )}
      {error && <p class="authenticator-note authenticator-error muted">{error}</p>}
    </div>
  );
});

/**
 * The seconds the current code has left, ticking with the page's shared
 * one-second tick, and a bar that empties over the step by a CSS animation:
 * keyed by its step, it starts afresh with each code, its delay set once, at
 * mount, to how far into the step the code already is.
 */
function StepCountdown({ code }: { code: AuthenticatorStepCode }) {
  const offset = useContext(ClockOffsetContext);
  const now = useServerNow();
  const periodMs = code.validUntil - code.validFrom;
  // Read once: changing a running animation's delay would move it.
  const [elapsed] = useState(() => elapsedInStep(code, Date.now() - offset));
  const left = secondsLeft(code, now);
  return (
    <span class={`authenticator-countdown${left * 1000 <= NEXT_CODE_SHOWN_MS ? " ending" : ""}`}>
      <span class="authenticator-bar" aria-hidden="true">
        <span
          class="authenticator-bar-fill"
          style={{ animationDuration: `${periodMs}ms`, animationDelay: `${-elapsed}ms` }}
        />
      </span>
      <span class="authenticator-left" aria-hidden="true">
        {left} s
      </span>
      <span class="sr-only">
        valid for {left} more second{left === 1 ? "" : "s"}
      </span>
    </span>
  );
}
