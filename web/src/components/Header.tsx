import type { ComponentChildren } from "preact";
import type { ConnectionState } from "../logic/connection.js";
import type { Preferences } from "../logic/preferences.js";
import type { SignedInUser } from "../logic/types.js";
import { ConnectionIndicator } from "./ConnectionIndicator.js";
import {
  BellIcon,
  EyeOffIcon,
  KeyboardIcon,
  PhoneIcon,
  PresenterIcon,
  SignOutIcon,
  SoundIcon,
} from "./icons.js";

/** The page's name: what it holds, SMS and voice codes and emails. */
export const APP_NAME = "SMS, Voice & Email Inbox";

export interface HeaderProps {
  /** null while the page is not listening (signed out, loading). */
  connection: ConnectionState | null;
  user: SignedInUser | null;
  localStack: boolean;
  prefs: Preferences;
  /** Show the presenter controls (only when codes are on screen). */
  showControls: boolean;
  /** Make the app's name the page's h1, on screens that have no heading of their own. */
  nameIsHeading: boolean;
  onToggle(key: keyof Preferences): void;
  onHelp(): void;
  onSignOut(): void;
}

function Toggle(props: {
  pressed: boolean;
  label: string;
  shortcut?: string;
  onClick(): void;
  children: ComponentChildren;
}) {
  return (
    <button
      type="button"
      class="toggle"
      aria-pressed={props.pressed}
      title={props.shortcut ? `${props.label} (${props.shortcut})` : props.label}
      onClick={props.onClick}
    >
      {props.children}
      <span class="toggle-text">{props.label}</span>
    </button>
  );
}

export function Header(props: HeaderProps) {
  const { connection, user, prefs, onToggle } = props;
  return (
    <header class="topbar">
      <div class="brand">
        <span class="logo" aria-hidden="true">
          <PhoneIcon />
        </span>
        {props.nameIsHeading ? (
          <h1 class="brand-name">{APP_NAME}</h1>
        ) : (
          <span class="brand-name">{APP_NAME}</span>
        )}
        {props.localStack && (
          <span class="tag" title="Built for the local emulators (npm start)">
            Local stack
          </span>
        )}
      </div>
      {connection && <ConnectionIndicator state={connection} />}
      <nav class="toolbar" aria-label="Page settings">
        {props.showControls && (
          <>
            <Toggle
              pressed={prefs.presenter}
              label="Presenter"
              shortcut="p"
              onClick={() => onToggle("presenter")}
            >
              <PresenterIcon />
            </Toggle>
            <Toggle
              pressed={prefs.mask}
              label="Mask codes"
              shortcut="m"
              onClick={() => onToggle("mask")}
            >
              <EyeOffIcon />
            </Toggle>
            <Toggle
              pressed={prefs.notifications}
              label="Notify"
              onClick={() => onToggle("notifications")}
            >
              <BellIcon />
            </Toggle>
            <Toggle pressed={prefs.sound} label="Sound" onClick={() => onToggle("sound")}>
              <SoundIcon />
            </Toggle>
          </>
        )}
        <button
          type="button"
          class="toggle"
          onClick={props.onHelp}
          title="Keyboard shortcuts (?)"
          aria-label="Keyboard shortcuts"
        >
          <KeyboardIcon />
        </button>
        {user && (
          <span class="account">
            <span class="account-email" title={user.email ?? user.uid}>
              {user.email ?? user.displayName ?? "Signed in"}
            </span>
            <button
              type="button"
              class="toggle"
              onClick={props.onSignOut}
              aria-label="Sign out"
              title="Sign out"
            >
              <SignOutIcon />
            </button>
          </span>
        )}
      </nav>
    </header>
  );
}
