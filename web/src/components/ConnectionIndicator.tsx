import { useRef } from "preact/hooks";
import { type ConnectionState, NO_LIVE_RUN, nextLiveRun } from "../logic/connection.js";

const TEXT: Record<ConnectionState["kind"], { text: string; title: string }> = {
  idle: { text: "Not connected", title: "Sign in to receive codes" },
  connecting: { text: "Connecting…", title: "Waiting for Firestore to answer" },
  live: {
    text: "Live",
    title: "In sync with Firestore, and a server read a few seconds ago found nothing newer",
  },
  checking: { text: "Checking…", title: "In sync; asking the server whether anything is newer" },
  reconnecting: { text: "Reconnecting…", title: "Not provably current; reconnecting by itself" },
  offline: { text: "Offline", title: "The browser has no network connection" },
  "not-allowed": { text: "Not allowed", title: "Firestore refused to send codes to this account" },
  failed: { text: "Interrupted", title: "Live updates failed; retrying by itself" },
};

/** Always visible while the page listens; role=status so changes are announced. */
export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  const { text, title } = TEXT[state.kind];
  const run = useRef(NO_LIVE_RUN);
  run.current = nextLiveRun(run.current, state.kind);
  // A new dot for each run of "Live", so its pulse plays once per run and a
  // check in between neither restarts nor stops it.
  const pulse = run.current.inRun && (state.kind === "live" || state.kind === "checking");
  return (
    <span
      class={`connection state-${state.kind}`}
      role="status"
      title={title}
      data-state={state.kind}
    >
      <span class={`dot${pulse ? " pulse" : ""}`} key={run.current.count} aria-hidden="true" />
      {text}
    </span>
  );
}
