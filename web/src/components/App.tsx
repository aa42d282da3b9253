// The page: which screen to show (sign-in, not allowed, the inbox), and the
// inbox itself with its attention, keyboard and presenter features. All data
// comes through the InboxData port, so tests drive it with stubs.
import { useRef, useState } from "preact/hooks";
import type { InboxData } from "../data/inbox-data.js";
import { requestNotifications } from "../data/notifications.js";
import { useArrivals } from "../hooks/use-arrivals.js";
import { useChime } from "../hooks/use-attention.js";
import { useClipboard } from "../hooks/use-clipboard.js";
import { useInbox } from "../hooks/use-inbox.js";
import { useNow } from "../hooks/use-now.js";
import { usePreferences } from "../hooks/use-preferences.js";
import { useShortcuts } from "../hooks/use-shortcuts.js";
import { useToast } from "../hooks/use-toast.js";
import { deriveAccess } from "../logic/access.js";
import { serverNow } from "../logic/clock.js";
import { deriveConnection, isStale } from "../logic/connection.js";
import { type CodeListItem, codeCount, inboxView } from "../logic/inbox-view.js";
import type { PinnedUser } from "../logic/labels.js";
import type { Preferences } from "../logic/preferences.js";
import { minutesToMs } from "../logic/time-window.js";
import type { InboxCode } from "../logic/types.js";
import { CodeList, codeCopyKey } from "./CodeList.js";
import { FilterBar } from "./FilterBar.js";
import { Header } from "./Header.js";
import { NotAllowed } from "./NotAllowed.js";
import { ConnectionNotice, PublicModeBanner } from "./Notices.js";
import { PinnedUsers, pinnedCopyKey } from "./PinnedUsers.js";
import { ShortcutHelp } from "./ShortcutHelp.js";
import { SignIn } from "./SignIn.js";

export const BASE_TITLE = "SMS Inbox";
/** While refused, check the allow-list again this often (access is granted without a redeploy). */
export const RECHECK_SECONDS = 20;

export interface AppProps {
  data: InboxData;
  retentionMinutes: number;
  accessContact: string;
  /** Built for the local emulators: shows a tag and the emulator sign-in helpers. */
  localStack: boolean;
}

export function App({ data, retentionMinutes, accessContact, localStack }: AppProps) {
  const retentionMs = minutesToMs(retentionMinutes);
  const [prefs, setPrefs] = usePreferences();
  const clipboard = useClipboard();
  const chime = useChime(prefs.sound);
  const [filter, setFilter] = useState("");
  const [helpOpen, setHelpOpen] = useState(false);
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
  const filterRef = useRef<HTMLInputElement>(null);

  const { toast, say } = useToast();

  const { freshIds, announced, onArrivals } = useArrivals(prefs, chime, BASE_TITLE);
  const inbox = useInbox(data, retentionMs, onArrivals);
  const browserNow = useNow();
  const now = serverNow(browserNow, inbox.clock);

  const access = deriveAccess({
    authResolved: inbox.authResolved,
    user: inbox.user,
    publicMode: inbox.publicMode,
    listenerErrors: [inbox.codesStatus.error, inbox.labelsStatus.error],
  });
  const listening = inbox.codesStatus.phase !== "idle";
  const connection = listening
    ? deriveConnection(inbox.online, inbox.reachable, [inbox.codesStatus, inbox.labelsStatus])
    : null;

  const view = inboxView({ codes: inbox.codes, labels: inbox.labels, filter, now });
  const { items, pinned, visiblePinned } = view;

  const copyStateOf = (key: string) =>
    clipboard.copiedKey === key ? "copied" : clipboard.failedKey === key ? "failed" : "idle";

  const copyCode = async (key: string, code: InboxCode, who: string) => {
    const ok = await clipboard.copy(key, code.code);
    if (ok) say(prefs.mask ? `Copied the code for ${who}` : `Copied ${code.code} for ${who}`);
    else say("The browser refused clipboard access: select the code and copy it by hand.");
  };
  const copyItem = (item: CodeListItem) =>
    copyCode(codeCopyKey(item.code), item.code, item.label.primary || item.code.recipient);
  const copyPinned = (user: PinnedUser) => {
    if (user.latest) void copyCode(pinnedCopyKey(user), user.latest, user.label);
    else say(`No code for ${user.label} in the last ${retentionMinutes} minutes`);
  };

  const toggleReveal = (id: string) =>
    setRevealed((set) => {
      const next = new Set(set);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const togglePref = async (key: keyof Preferences) => {
    const turningOn = !prefs[key];
    if (key === "notifications" && turningOn && !(await requestNotifications())) {
      say("Notifications are blocked for this site in the browser's settings.");
      return;
    }
    if (key === "sound" && turningOn) {
      chime.prime();
      setTimeout(chime.play, 50);
    }
    if (key === "mask") setRevealed(new Set());
    setPrefs({ [key]: turningOn });
  };

  const signOut = () => {
    void data.auth.signOut().catch(() => say("Sign-out failed; reload the page."));
  };

  const inboxShown = access.kind === "allowed";
  useShortcuts((action) => {
    switch (action.type) {
      case "toggle-help":
        setHelpOpen((open) => !open);
        return true;
      case "escape":
        if (helpOpen) setHelpOpen(false);
        else if (filter !== "") {
          setFilter("");
          filterRef.current?.blur();
        } else return false;
        return true;
      case "focus-filter":
        if (!inboxShown) return false;
        filterRef.current?.focus();
        return true;
      case "copy-newest":
        if (!inboxShown) return false;
        if (view.newest) void copyItem(view.newest);
        else say("No code to copy yet");
        return true;
      case "copy-pinned": {
        if (!inboxShown) return false;
        const user = view.pinned.find((p) => p.slot === action.slot);
        if (user) copyPinned(user);
        else say(`No pinned user ${action.slot}`);
        return true;
      }
      case "toggle-presenter":
      case "toggle-mask":
        if (!inboxShown) return false;
        void togglePref(action.type === "toggle-presenter" ? "presenter" : "mask");
        return true;
    }
  });

  return (
    <div class={`app${prefs.presenter && inboxShown ? " presenter" : ""}`}>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <Header
        connection={connection}
        user={inbox.user}
        localStack={localStack}
        prefs={prefs}
        showControls={inboxShown}
        onToggle={(key) => void togglePref(key)}
        onHelp={() => setHelpOpen(true)}
        onSignOut={signOut}
      />
      {access.kind === "allowed" && access.publicMode && <PublicModeBanner />}
      {connection && isStale(connection) && (
        <ConnectionNotice state={connection} onRetry={inbox.retry} />
      )}
      <main id="main" class="content" tabIndex={-1}>
        {access.kind === "loading" && (
          <p class="panel loading" role="status">
            Loading…
          </p>
        )}
        {access.kind === "signed-out" && <SignIn auth={data.auth} />}
        {access.kind === "not-allowed" && (
          <NotAllowed
            user={access.user}
            accessContact={accessContact}
            recheckSeconds={RECHECK_SECONDS}
            onRetry={inbox.retry}
            onSignOut={signOut}
          />
        )}
        {inboxShown && (
          <>
            {pinned.length > 0 && (
              <section class="pinned-section" aria-labelledby="pinned-title">
                <div class="section-head">
                  <h2 id="pinned-title">Demo users</h2>
                  <span class="section-hint">Press 1–9 to copy a user's latest code</span>
                </div>
                {visiblePinned.length > 0 ? (
                  <PinnedUsers
                    users={visiblePinned}
                    now={now}
                    retentionMinutes={retentionMinutes}
                    masked={prefs.mask}
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
              {items.length > 0 ? (
                <CodeList
                  items={items}
                  now={now}
                  masked={prefs.mask}
                  revealed={revealed}
                  freshIds={freshIds}
                  stale={connection !== null && isStale(connection)}
                  copyStateOf={copyStateOf}
                  onCopy={(item) => void copyItem(item)}
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
                    Start an SMS or voice MFA login for a demo user: the code appears here the
                    moment Auth0 sends it.
                  </p>
                </div>
              )}
            </section>
          </>
        )}
      </main>
      <footer class="footer">
        Codes leave {retentionMinutes} minutes after they arrive. Press <kbd>?</kbd> for keyboard
        shortcuts.
      </footer>
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
      <div class="sr-only" aria-live="polite" aria-atomic="true">
        {announced}
      </div>
      <div class={`toast${toast ? " shown" : ""}`} role="status" aria-live="polite">
        {toast?.text}
      </div>
    </div>
  );
}
