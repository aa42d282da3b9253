// The inbox: a card per person, then every live code with its filter, and
// the shortcuts that act on them. Mounted only while the reader is let in.
import { useRef, useState } from "preact/hooks";
import { useClipboard } from "../hooks/use-clipboard.js";
import { useRevealed } from "../hooks/use-revealed.js";
import { ClockOffsetContext } from "../hooks/use-server-now.js";
import { useShortcuts } from "../hooks/use-shortcuts.js";
import { useStableCallback } from "../hooks/use-stable-callback.js";
import { useTimedMemo } from "../hooks/use-timed-memo.js";
import { type ClockOffset, clockOffsetMs } from "../logic/clock.js";
import { codeCount, hiddenNotice, inboxView } from "../logic/inbox-view.js";
import { nextExpiry } from "../logic/time-window.js";
import type { InboxCode, PhoneLabelEntry } from "../logic/types.js";
import { CodeList, codeCopyKey } from "./CodeList.js";
import { FilterBar } from "./FilterBar.js";
import { type PinnedCopy, PinnedUsers, pinnedCopyKey } from "./PinnedUsers.js";

export interface InboxScreenProps {
  codes: InboxCode[];
  /** The codes query stopped at its limit: older codes exist that the page did not load. */
  codesLimitReached: boolean;
  labels: PhoneLabelEntry[];
  /**
   * The page's learnt clock offset (useInbox's clock): server time is browser
   * time minus it. Ages tick inside TimeInfo; the list itself renders again
   * only when its inputs change or its next code expires.
   */
  clock: ClockOffset;
  retentionMinutes: number;
  masked: boolean;
  freshIds: ReadonlySet<string>;
  /** The list may be out of date (connection lost): it is dimmed. */
  stale: boolean;
  /** Esc belongs to the open shortcut list first; only then does it clear the filter. */
  helpOpen: boolean;
  say(text: string): void;
}

export function InboxScreen(props: InboxScreenProps) {
  const { codes, codesLimitReached, labels, retentionMinutes, masked, freshIds, say } = props;
  const clipboard = useClipboard();
  const [filter, setFilter] = useState("");
  const [revealed, toggleReveal] = useRevealed(masked);
  const filterRef = useRef<HTMLInputElement>(null);
  const offset = clockOffsetMs(props.clock);
  // Computed again when a snapshot, the labels, the filter or the clock offset
  // change, and at the next code's expiry (so it leaves with no new data); not
  // on every second.
  const view = useTimedMemo(
    (browserNow) => {
      const now = browserNow - offset;
      const expiry = nextExpiry(codes, now);
      return {
        value: inboxView({ codes, codesLimitReached, labels, filter, now }),
        next: expiry === undefined ? undefined : expiry + offset,
      };
    },
    [codes, codesLimitReached, labels, filter, offset],
  );
  const hidden = hiddenNotice(view);

  const copyStateOf = (key: string) =>
    clipboard.copiedKey === key ? "copied" : clipboard.failedKey === key ? "failed" : "idle";

  const copyCode = async (key: string, code: InboxCode, who: string) => {
    const ok = await clipboard.copy(key, code.code);
    if (ok) say(masked ? `Copied the code for ${who}` : `Copied ${code.code} for ${who}`);
    else say("The browser refused clipboard access: select the code and copy it by hand.");
  };
  // Stable, for the memoised rows and cards; each hands over the code it shows.
  const copyRow = useStableCallback((code: InboxCode, who: string) => {
    void copyCode(codeCopyKey(code), code, who);
  });
  const copyPinned = useStableCallback((user: PinnedCopy) => {
    if (user.latest) void copyCode(pinnedCopyKey(user), user.latest, user.label);
    else say(`No code for ${user.label} in the last ${retentionMinutes} minutes`);
  });

  useShortcuts((action) => {
    switch (action.type) {
      case "escape":
        if (props.helpOpen || filter === "") return false;
        setFilter("");
        filterRef.current?.blur();
        return true;
      case "focus-filter":
        filterRef.current?.focus();
        return true;
      case "copy-newest":
        if (view.newest)
          copyRow(view.newest.code, view.newest.label.primary || view.newest.code.recipient);
        else say("No code to copy yet");
        return true;
      case "copy-pinned": {
        const user = view.pinned.find((p) => p.slot === action.slot);
        if (user) copyPinned(user);
        else say(`No pinned user ${action.slot}`);
        return true;
      }
      default:
        return false;
    }
  });

  return (
    <ClockOffsetContext.Provider value={offset}>
      {view.pinned.length > 0 && (
        <section class="pinned-section" aria-labelledby="pinned-title">
          <div class="section-head">
            <h2 id="pinned-title">Demo users</h2>
            <span class="section-hint">Press 1–9 to copy a user's latest code</span>
          </div>
          {view.visiblePinned.length > 0 ? (
            <PinnedUsers
              users={view.visiblePinned}
              retentionMinutes={retentionMinutes}
              masked={masked}
              revealed={revealed}
              freshIds={freshIds}
              copyStateOf={copyStateOf}
              onCopy={copyPinned}
              onToggleReveal={toggleReveal}
            />
          ) : (
            <p class="muted">No demo user matches the filter.</p>
          )}
        </section>
      )}
      <section class="codes-section" aria-labelledby="codes-title">
        <div class="section-head">
          <h2 id="codes-title">
            Codes <span class="count">{codeCount(view)}</span>
          </h2>
          <FilterBar value={filter} onInput={setFilter} inputRef={filterRef} />
        </div>
        {view.items.length > 0 ? (
          <CodeList
            items={view.items}
            masked={masked}
            revealed={revealed}
            freshIds={freshIds}
            stale={props.stale}
            copyStateOf={copyStateOf}
            onCopy={copyRow}
            onToggleReveal={toggleReveal}
          />
        ) : view.liveCount > 0 ? (
          <div class="empty">
            <p>No code matches “{filter}”.</p>
            <button type="button" class="button quiet" onClick={() => setFilter("")}>
              Clear the filter
            </button>
          </div>
        ) : (
          <div class="empty">
            <p class="empty-title">No codes in the last {retentionMinutes} minutes</p>
            <p class="muted">
              Start an SMS or voice MFA login for a demo user: the code appears here the moment
              Auth0 sends it.
            </p>
          </div>
        )}
        {hidden && <p class="hidden-notice muted">{hidden}</p>}
      </section>
    </ClockOffsetContext.Provider>
  );
}
