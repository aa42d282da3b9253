// The page: the frame every screen shares (header, notices, footer, shortcut
// list, live region, toast) and which screen goes inside it: loading, sign-in,
// not allowed, or the inbox. All data comes through the InboxData port, so
// tests drive it with stubs.
import { useRef, useState } from "preact/hooks";
import type { InboxData } from "../data/inbox-data.js";
import { requestNotifications } from "../data/notifications.js";
import { useArrivals } from "../hooks/use-arrivals.js";
import { useChime } from "../hooks/use-attention.js";
import { useAuthenticators } from "../hooks/use-authenticators.js";
import { useInbox } from "../hooks/use-inbox.js";
import { usePageErrors } from "../hooks/use-page-errors.js";
import { usePreferences } from "../hooks/use-preferences.js";
import { useRecoveryNote } from "../hooks/use-recovery-note.js";
import { useRefusalSummary } from "../hooks/use-refusals.js";
import { useShortcuts } from "../hooks/use-shortcuts.js";
import { useToast } from "../hooks/use-toast.js";
import { deriveAccess } from "../logic/access.js";
import { clockOffsetMs } from "../logic/clock.js";
import { deriveConnection, isStale } from "../logic/connection.js";
import type { Preferences } from "../logic/preferences.js";
import { minutesToMs } from "../logic/time-window.js";
import { APP_NAME, Header } from "./Header.js";
import { InboxScreen } from "./InboxScreen.js";
import { lazy } from "./lazy.js";
import {
  ConnectionNotice,
  PageErrorNotice,
  PublicModeBanner,
  RecoveryNotice,
  RefusalNotice,
} from "./Notices.js";

// Screens a signed-in presenter rarely or never sees load when first shown.
const Loading = () => (
  <p class="panel loading" role="status">
    Loading…
  </p>
);
const SignIn = lazy(() => import("./SignIn.js").then((m) => m.SignIn), Loading);
const NotAllowed = lazy(() => import("./NotAllowed.js").then((m) => m.NotAllowed), Loading);
const ShortcutHelp = lazy(() => import("./ShortcutHelp.js").then((m) => m.ShortcutHelp));

/** The tab's title when nothing new is waiting: the page's name. */
export const BASE_TITLE = APP_NAME;
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
  const [prefs, setPrefs] = usePreferences();
  const chime = useChime(prefs.sound);
  const [helpOpen, setHelpOpen] = useState(false);
  // The shortcut list stays in the page once it has been opened (and loaded).
  const helpShown = useRef(false);
  if (helpOpen) helpShown.current = true;
  const { toast, say } = useToast();
  // No page-wide clock: ages tick inside TimeInfo, and what else depends on
  // the time (the list, highlights, the refusal banner) wakes at its own deadline.
  const { freshIds, announced, onArrivals } = useArrivals(prefs, chime, BASE_TITLE);
  const inbox = useInbox(data, minutesToMs(retentionMinutes), onArrivals);

  const access = deriveAccess({
    authResolved: inbox.authResolved,
    user: inbox.user,
    publicMode: inbox.publicMode,
    listenerErrors: [inbox.codesStatus.error, inbox.labelsStatus.error],
  });
  const inboxShown = access.kind === "allowed";
  const listening = inbox.codesStatus.phase !== "idle";
  const connection = listening
    ? deriveConnection({
        online: inbox.online,
        reachable: inbox.reachable,
        listeners: [inbox.codesStatus, inbox.labelsStatus],
        freshness: inbox.freshness,
        sdkDead: inbox.sdk.failure !== null,
      })
    : null;
  const stale = connection !== null && isStale(connection);
  const recovery = useRecoveryNote(data.heal, connection);
  const pageErrors = usePageErrors();
  const authenticators = useAuthenticators(
    data,
    inboxShown,
    inbox.user?.uid ?? null,
    inbox.sdk.generation,
  );
  const refusals = useRefusalSummary(
    data,
    inboxShown,
    clockOffsetMs(inbox.clock),
    inbox.sdk.generation,
  );

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
    setPrefs({ [key]: turningOn });
  };

  const signOut = () => {
    void data.auth.signOut().catch(() => say("Sign-out failed; reload the page."));
  };

  // The inbox screen handles its own keys (copying, the filter); these work on every screen.
  useShortcuts((action) => {
    switch (action.type) {
      case "toggle-help":
        setHelpOpen((open) => !open);
        return true;
      case "escape":
        if (!helpOpen) return false;
        setHelpOpen(false);
        return true;
      case "toggle-presenter":
      case "toggle-mask":
        if (!inboxShown) return false;
        void togglePref(action.type === "toggle-presenter" ? "presenter" : "mask");
        return true;
      default:
        return false;
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
        nameIsHeading={inboxShown || access.kind === "loading"}
        onToggle={(key) => void togglePref(key)}
        onHelp={() => setHelpOpen(true)}
        onSignOut={signOut}
      />
      {access.kind === "allowed" && access.publicMode && <PublicModeBanner />}
      {connection && stale && (
        <ConnectionNotice state={connection} onReconnect={inbox.reconnectNow} />
      )}
      {recovery.note && !stale && (
        <RecoveryNotice note={recovery.note} onDismiss={recovery.dismiss} />
      )}
      {pageErrors.message && (
        <PageErrorNotice message={pageErrors.message} onDismiss={pageErrors.dismiss} />
      )}
      {inboxShown && refusals && <RefusalNotice summary={refusals} />}
      <main id="main" class="content" tabIndex={-1}>
        {access.kind === "loading" && <Loading />}
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
          <InboxScreen
            codes={inbox.codes}
            codesLimitReached={inbox.codesLimitReached}
            labels={inbox.labels}
            people={inbox.people}
            clock={inbox.clock}
            authenticators={authenticators}
            retentionMinutes={retentionMinutes}
            masked={prefs.mask}
            freshIds={freshIds}
            stale={stale}
            helpOpen={helpOpen}
            say={say}
            readEmailBody={data.readEmailBody}
          />
        )}
      </main>
      <footer class="footer">
        Codes and emails leave {retentionMinutes} minutes after they arrive. Press <kbd>?</kbd> for
        keyboard shortcuts.
      </footer>
      {helpShown.current && <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />}
      <div class="sr-only" aria-live="polite" aria-atomic="true">
        {announced}
      </div>
      <div class={`toast${toast ? " shown" : ""}`} role="status" aria-live="polite">
        {toast?.text}
      </div>
    </div>
  );
}
