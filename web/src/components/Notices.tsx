import type { ComponentChildren } from "preact";
import type { ConnectionState, StaleReason } from "../logic/connection.js";
import { formatClockTime, formatDuration } from "../logic/format.js";
import type { RecoveryNote } from "../logic/recovery.js";
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

const LOST: Record<StaleReason, string> = {
  network: "Connection lost: reconnecting.",
  behind: "The list is behind the server: reconnecting.",
  sdk: "The connection to Firestore failed inside the page: restarting it.",
};

function ReconnectNow({ onReconnect }: { onReconnect(): void }) {
  return (
    <button type="button" class="link-button" onClick={onReconnect}>
      Reconnect now
    </button>
  );
}

/** Says plainly when the list on screen may be out of date, and offers a hand. */
export function ConnectionNotice({
  state,
  onReconnect,
}: {
  state: ConnectionState;
  onReconnect(): void;
}) {
  switch (state.kind) {
    case "reconnecting":
      return (
        <Notice tone="warn">
          <strong>{LOST[state.reason]}</strong> New codes may not appear until it is back, and
          expired codes still leave on time.{asOf(state.lastSyncedAt)}{" "}
          <ReconnectNow onReconnect={onReconnect} />
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
          <strong>Live updates interrupted.</strong> Firestore said: {state.error.message} The page
          tries again by itself. <ReconnectNow onReconnect={onReconnect} />
        </Notice>
      );
    default:
      return null;
  }
}

/** Quiet, after the page healed: how long it was behind, or why it reloaded itself. */
export function RecoveryNotice({ note, onDismiss }: { note: RecoveryNote; onDismiss(): void }) {
  return (
    <div class="notice-bar tone-info recovery-note" role="status">
      <div class="notice-body">
        {note.kind === "caught-up" ? (
          <>
            Back in sync at {formatClockTime(note.at)}: the list was out of date for{" "}
            {formatDuration(note.behindMs)}.
          </>
        ) : (
          <>
            The page reloaded itself at {formatClockTime(note.at)} because {note.reason}. Your
            settings were kept.
          </>
        )}{" "}
        <button type="button" class="link-button" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}

/** Something failed in the background; the page goes on, and says how to recover. */
export function PageErrorNotice({ message, onDismiss }: { message: string; onDismiss(): void }) {
  return (
    <Notice tone="danger">
      <strong>Something went wrong on this page:</strong> {message}. If codes stop arriving,{" "}
      <button type="button" class="link-button" onClick={() => location.reload()}>
        reload the page
      </button>
      .{" "}
      <button type="button" class="link-button" onClick={onDismiss}>
        Dismiss
      </button>
    </Notice>
  );
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
