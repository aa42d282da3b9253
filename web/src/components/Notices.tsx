import type { ComponentChildren } from "preact";
import type { ConnectionState } from "../logic/connection.js";
import { formatClockTime } from "../logic/format.js";
import { type RefusalSummary, refusalSentence } from "../logic/refusals.js";
import { WarningIcon } from "./icons.js";

function Notice({
  tone,
  children,
}: {
  tone: "warn" | "danger" | "info";
  children: ComponentChildren;
}) {
  return (
    <div class={`notice-bar tone-${tone}`}>
      <WarningIcon />
      <div class="notice-body">{children}</div>
    </div>
  );
}

const asOf = (at: number | null) =>
  at === null ? "" : ` Last confirmed at ${formatClockTime(at)}.`;

/** Says plainly when the list on screen may be out of date, and what to do. */
export function ConnectionNotice({ state, onRetry }: { state: ConnectionState; onRetry(): void }) {
  switch (state.kind) {
    case "reconnecting":
      return (
        <Notice tone="warn">
          <strong>Connection lost: reconnecting.</strong> New codes will not appear until it is
          back, and expired codes still leave on time.{asOf(state.lastSyncedAt)}
        </Notice>
      );
    case "offline":
      return (
        <Notice tone="warn">
          <strong>You are offline.</strong> The list may be out of date until the network is back;
          the page reconnects by itself.{asOf(state.lastSyncedAt)}
        </Notice>
      );
    case "failed":
      return (
        <Notice tone="danger">
          <strong>Live updates stopped.</strong> Firestore said: {state.error.message}{" "}
          <button type="button" class="link-button" onClick={onRetry}>
            Try again
          </button>
        </Notice>
      );
    default:
      return null;
  }
}

export function PublicModeBanner() {
  return (
    <Notice tone="danger">
      <strong>Public mode is on:</strong> anyone who has this page's address can read these codes
      without signing in. Turn it off when the demo is over.
    </Notice>
  );
}

/** Quiet: deliveries are being refused, so a code the presenter waits for may never come. */
export function RefusalNotice({ summary }: { summary: RefusalSummary }) {
  return (
    <Notice tone="info">
      <span data-testid="refusal-notice">{refusalSentence(summary)}.</span> Last at{" "}
      {formatClockTime(summary.latestAt)}.
    </Notice>
  );
}
