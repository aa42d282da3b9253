// The inbox: a card per person, then every live code with its filter, and
// the shortcuts that act on them. Mounted only while the reader is let in.
import type { NotedPerson } from "functions/contract/people";
import { useMemo, useRef, useState } from "preact/hooks";
import type { AuthenticatorState } from "../hooks/use-authenticators.js";
import { useClipboard } from "../hooks/use-clipboard.js";
import { useRevealed } from "../hooks/use-revealed.js";
import { ClockOffsetContext } from "../hooks/use-server-now.js";
import { useShortcuts } from "../hooks/use-shortcuts.js";
import { useStableCallback } from "../hooks/use-stable-callback.js";
import { useTimedMemo } from "../hooks/use-timed-memo.js";
import { authenticatorDisplay, describeAuthenticatorError } from "../logic/authenticator.js";
import { type ClockOffset, clockOffsetMs, mergeClockOffsets } from "../logic/clock.js";
import { mainLinkOf } from "../logic/email.js";
import { codeCount, hiddenNotice, inboxView } from "../logic/inbox-view.js";
import { slotCode } from "../logic/pinned-users.js";
import { nextExpiry } from "../logic/time-window.js";
import type { EmailBody, InboxCode, PhoneLabelEntry } from "../logic/types.js";
import { type AuthenticatorCopy, authenticatorCopyKey } from "./AuthenticatorCode.js";
import { CodeList, codeCopyKey } from "./CodeList.js";
import { FilterBar } from "./FilterBar.js";
import { lazy } from "./lazy.js";
import { type PinnedCopy, PinnedUsers, pinnedCopyKey } from "./PinnedUsers.js";

// Loaded the first time someone opens an email: most visits never do.
const EmailViewer = lazy(() => import("./EmailViewer.js").then((m) => m.EmailViewer));

export interface InboxScreenProps {
  codes: InboxCode[];
  /** The codes query stopped at its limit: older codes exist that the page did not load. */
  codesLimitReached: boolean;
  labels: PhoneLabelEntry[];
  /** Whom the webhook noted at their first code or email: their cards. */
  people: NotedPerson[];
  /**
   * The page's learnt clock offset (useInbox's clock): server time is browser
   * time minus it. Ages tick inside TimeInfo; the list itself renders again
   * only when its inputs change or its next code expires.
   */
  clock: ClockOffset;
  /** Who has an authenticator, their codes and the endpoint's clock (useAuthenticators). */
  authenticators: AuthenticatorState;
  retentionMinutes: number;
  masked: boolean;
  freshIds: ReadonlySet<string>;
  /** The list may be out of date (connection lost): it is dimmed. */
  stale: boolean;
  /** Esc belongs to the open shortcut list first; only then does it clear the filter. */
  helpOpen: boolean;
  say(text: string): void;
  /** The port's readEmailBody: an email's HTML, read when "View email" opens. */
  readEmailBody(codeId: string): Promise<EmailBody | null>;
}

export function InboxScreen(props: InboxScreenProps) {
  const { codes, codesLimitReached, labels, people, retentionMinutes, masked, freshIds, say } =
    props;
  const clipboard = useClipboard();
  const [filter, setFilter] = useState("");
  const [revealed, toggleReveal] = useRevealed(masked);
  const [viewing, setViewing] = useState<{ code: InboxCode; who: string } | null>(null);
  const filterRef = useRef<HTMLInputElement>(null);
  const { authenticators } = props;
  // Arrivals' stamps and the authenticator answers' serverTime are samples of
  // one offset: the smallest of either kind is the best estimate.
  const offset = clockOffsetMs(mergeClockOffsets(props.clock, authenticators.clock));
  const authenticatorError = useMemo(
    () => (authenticators.error ? describeAuthenticatorError(authenticators.error) : null),
    [authenticators.error],
  );
  // Computed again when a snapshot, the labels, the filter or the clock offset
  // change, and at the next code's expiry (so it leaves with no new data); not
  // on every second.
  const view = useTimedMemo(
    (browserNow) => {
      const now = browserNow - offset;
      const expiry = nextExpiry(codes, now);
      return {
        value: inboxView({
          codes,
          codesLimitReached,
          labels,
          people,
          authenticators: authenticators.authenticators,
          filter,
          now,
        }),
        next: expiry === undefined ? undefined : expiry + offset,
      };
    },
    [codes, codesLimitReached, labels, people, authenticators.authenticators, filter, offset],
    { onTick: true },
  );
  const hidden = hiddenNotice(view);

  const copyStateOf = (key: string) =>
    clipboard.copiedKey === key ? "copied" : clipboard.failedKey === key ? "failed" : "idle";

  const copyCode = async (key: string, code: InboxCode, who: string) => {
    const ok = await clipboard.copy(key, code.code);
    if (ok) say(masked ? `Copied the code for ${who}` : `Copied ${code.code} for ${who}`);
    else say("The browser refused clipboard access: select the code and copy it by hand.");
  };
  // The link is only copied: paste it into the browser that asked for it.
  const copyLink = async (key: string, code: InboxCode, who: string) => {
    const link = mainLinkOf(code);
    if (!link) return;
    const ok = await clipboard.copy(key, link.url);
    if (ok) say(`Copied the link for ${who}: paste it into the browser that asked for it`);
    else say("The browser refused clipboard access: use Open, or View email and copy the link.");
  };
  // Stable, for the memoised rows and cards; each hands over the code it shows.
  const copyRow = useStableCallback((code: InboxCode, who: string) => {
    void copyCode(codeCopyKey(code), code, who);
  });
  const copyRowLink = useStableCallback((code: InboxCode, who: string) => {
    void copyLink(codeCopyKey(code), code, who);
  });
  const copyPinned = useStableCallback((user: PinnedCopy) => {
    if (user.code) void copyCode(pinnedCopyKey(user, user.code), user.code, user.label);
    else say(`No code for ${user.label} in the last ${retentionMinutes} minutes`);
  });
  const copyAuthenticator = useStableCallback(({ key, label, code, next }: AuthenticatorCopy) => {
    void (async () => {
      const ok = await clipboard.copy(authenticatorCopyKey(key, next), code.code);
      const which = next ? "next authenticator code" : "authenticator code";
      if (!ok) say("The browser refused clipboard access: select the code and copy it by hand.");
      else if (masked) say(`Copied the ${which} for ${label}`);
      else say(`Copied ${code.code} for ${label} (${which})`);
    })();
  });
  /** The authenticator code a card shows at this moment, if it has one. */
  const authenticatorNow = (key: string) => {
    const codes = authenticators.codes.get(key);
    return codes ? authenticatorDisplay(codes, Date.now() - offset)?.current : undefined;
  };
  const copyPinnedLink = useStableCallback((user: PinnedCopy) => {
    if (user.code) void copyLink(pinnedCopyKey(user, user.code), user.code, user.label);
  });
  const viewEmail = useStableCallback((code: InboxCode) => {
    const item = view.items.find((listed) => listed.code.id === code.id);
    const card = view.pinned.find(
      (user) => user.latestEmail?.id === code.id || user.otherEmail?.id === code.id,
    );
    setViewing({ code, who: item?.label.primary || card?.label || code.recipient });
  });

  useShortcuts((action) => {
    switch (action.type) {
      case "escape":
        // The open email's dialog closes itself on Esc; the filter stays.
        if (props.helpOpen || viewing || filter === "") return false;
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
        if (!user) {
          say(`No pinned user ${action.slot}`);
          return true;
        }
        // A delivered code first (the one a login in progress waits for); the
        // authenticator's only when the card has none.
        const delivered = slotCode(user);
        const totp = user.authenticator ? authenticatorNow(user.key) : undefined;
        if (!delivered && totp)
          copyAuthenticator({ key: user.key, label: user.label, code: totp, next: false });
        else copyPinned({ key: user.key, label: user.label, code: delivered });
        return true;
      }
      case "copy-authenticator": {
        const user = view.pinned.find((p) => p.slot === action.slot);
        const totp = user?.authenticator ? authenticatorNow(user.key) : undefined;
        if (user && totp)
          copyAuthenticator({ key: user.key, label: user.label, code: totp, next: false });
        else if (user?.authenticator) say(`No authenticator code for ${user.label} yet`);
        else if (user) say(`${user.label} has no authenticator`);
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
            <span class="section-hint">
              Press 1–9 to copy a user's latest code
              {authenticators.authenticators.length > 0 && ", Shift+1–9 their authenticator code"}
            </span>
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
              onCopyLink={copyPinnedLink}
              onViewEmail={viewEmail}
              onToggleReveal={toggleReveal}
              authenticatorCodes={authenticators.codes}
              authenticatorError={authenticatorError}
              authenticatorAnswered={authenticators.answered}
              onCopyAuthenticator={copyAuthenticator}
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
            onCopyLink={copyRowLink}
            onViewEmail={viewEmail}
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
            <p class="empty-title">Nothing in the last {retentionMinutes} minutes</p>
            <p class="muted">
              Start a login, sign-up or password reset for a demo user: its SMS, voice call or email
              appears here the moment Auth0 sends it.
            </p>
          </div>
        )}
        {hidden && <p class="hidden-notice muted">{hidden}</p>}
      </section>
      {viewing && (
        <EmailViewer
          key={viewing.code.id}
          code={viewing.code}
          who={viewing.who}
          masked={masked}
          readBody={props.readEmailBody}
          onClose={() => setViewing(null)}
        />
      )}
    </ClockOffsetContext.Provider>
  );
}
