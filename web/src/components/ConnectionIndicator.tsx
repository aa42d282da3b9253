import type { ConnectionState } from "../logic/connection.js";

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
  return (
    <span
      class={`connection state-${state.kind}`}
      role="status"
      title={title}
      data-state={state.kind}
    >
      <span class="dot" aria-hidden="true" />
      {text}
    </span>
  );
}
