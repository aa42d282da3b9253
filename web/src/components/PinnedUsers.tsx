import type { AuthenticatorCodes } from "../logic/authenticator.js";
import { codeBadges } from "../logic/badges.js";
import { isEmail, mainLinkOf, subjectLine } from "../logic/email.js";
import type { PinnedUser } from "../logic/pinned-users.js";
import type { InboxCode } from "../logic/types.js";
import {
  AuthenticatorCode,
  type AuthenticatorCopy,
  authenticatorCopyKey,
} from "./AuthenticatorCode.js";
import { Badges } from "./Badges.js";
import { CodeValue } from "./CodeValue.js";
import { CopyButton } from "./CopyButton.js";
import { LinkActions } from "./LinkActions.js";
import { memo } from "./memo.js";
import { TimeInfo } from "./TimeInfo.js";

/** What a card's Copy acts on: the card's person and the code (or email) it shows now. */
export interface PinnedCopy {
  key: string;
  label: string;
  /** The phone code or the email copied; undefined when the card has none. */
  code: InboxCode | undefined;
}

export interface PinnedUsersProps {
  users: PinnedUser[];
  retentionMinutes: number;
  masked: boolean;
  revealed: ReadonlySet<string>;
  freshIds: ReadonlySet<string>;
  copyStateOf(key: string): "idle" | "copied" | "failed";
  /** Stable: cards are memoised on their props. Copies the code of `code`. */
  onCopy(user: PinnedCopy): void;
  /** Stable: copies the main link of the email `code`. */
  onCopyLink(user: PinnedCopy): void;
  /** Stable: opens "View email". */
  onViewEmail(code: InboxCode): void;
  /** Stable: cards are memoised on their props. */
  onToggleReveal(codeId: string): void;
  /** Each authenticator's codes by person key, as the endpoint last answered. */
  authenticatorCodes: ReadonlyMap<string, AuthenticatorCodes>;
  /** Why the endpoint gave no codes, as a sentence; null when it did. */
  authenticatorError: string | null;
  /** The endpoint has answered: a card it left out has no codes coming. */
  authenticatorAnswered: boolean;
  /** Stable: copies an authenticator code. */
  onCopyAuthenticator(copy: AuthenticatorCopy): void;
}

/** A card's copy feedback: its phone code, its email's code and its email's link each say "Copied" on their own. */
export const pinnedCopyKey = (user: Pick<PinnedUser, "key">, code?: InboxCode) =>
  !code || !isEmail(code)
    ? `pinned:${user.key}`
    : code.code !== ""
      ? `pinned-email:${user.key}`
      : `pinned-email-link:${user.key}`;

const NONE: ReadonlySet<string> = new Set();

/** One card per person with their latest code and email: "copy Alice's code" is one click. */
export function PinnedUsers(props: PinnedUsersProps) {
  const { users, masked, revealed, freshIds } = props;
  return (
    <ul class="pinned-grid">
      {users.map((user) => (
        <PinnedCard
          key={user.key}
          userKey={user.key}
          label={user.label}
          phoneNumber={user.phoneNumber}
          address={user.email}
          slot={user.slot}
          latest={user.latest}
          latestEmail={user.latestEmail}
          otherEmail={user.otherEmail}
          retentionMinutes={props.retentionMinutes}
          masked={masked}
          revealed={user.latest !== undefined && revealed.has(user.latest.id)}
          emailRevealed={user.latestEmail !== undefined && revealed.has(user.latestEmail.id)}
          otherEmailRevealed={user.otherEmail !== undefined && revealed.has(user.otherEmail.id)}
          fresh={[user.latest, user.latestEmail, user.otherEmail].some(
            (code) => code !== undefined && freshIds.has(code.id),
          )}
          copyState={props.copyStateOf(pinnedCopyKey(user))}
          emailCopyState={props.copyStateOf(pinnedCopyKey(user, user.latestEmail))}
          otherEmailCopyState={props.copyStateOf(pinnedCopyKey(user, user.otherEmail))}
          onCopy={props.onCopy}
          onCopyLink={props.onCopyLink}
          onViewEmail={props.onViewEmail}
          onToggleReveal={props.onToggleReveal}
          authenticator={user.authenticator === true}
          authenticatorCodes={props.authenticatorCodes.get(user.key)}
          authenticatorAnswered={props.authenticatorAnswered}
          authenticatorError={props.authenticatorError}
          // The whole set only for cards with an authenticator: its codes are revealed per step.
          authenticatorRevealed={user.authenticator ? revealed : NONE}
          authenticatorCopyState={props.copyStateOf(authenticatorCopyKey(user.key, false))}
          authenticatorNextCopyState={props.copyStateOf(authenticatorCopyKey(user.key, true))}
          onCopyAuthenticator={props.onCopyAuthenticator}
        />
      ))}
    </ul>
  );
}

/**
 * Every prop is a plain value or a stable function (pinnedUsers builds new
 * PinnedUser objects on every view), so a card renders again only when what
 * it shows changes; its time ticks inside TimeInfo.
 */
export interface PinnedCardProps {
  userKey: string;
  label: string;
  /** Absent for someone known only by their emails. */
  phoneNumber: string | undefined;
  address: string | undefined;
  slot: number;
  latest: InboxCode | undefined;
  latestEmail: InboxCode | undefined;
  /** An older email of the other kind (a link beside a code, or a code beside a link). */
  otherEmail: InboxCode | undefined;
  retentionMinutes: number;
  masked: boolean;
  revealed: boolean;
  emailRevealed: boolean;
  otherEmailRevealed: boolean;
  fresh: boolean;
  copyState: "idle" | "copied" | "failed";
  emailCopyState: "idle" | "copied" | "failed";
  otherEmailCopyState: "idle" | "copied" | "failed";
  onCopy(user: PinnedCopy): void;
  onCopyLink(user: PinnedCopy): void;
  onViewEmail(code: InboxCode): void;
  onToggleReveal(codeId: string): void;
  authenticator: boolean;
  authenticatorCodes: AuthenticatorCodes | undefined;
  authenticatorAnswered: boolean;
  authenticatorError: string | null;
  authenticatorRevealed: ReadonlySet<string>;
  authenticatorCopyState: "idle" | "copied" | "failed";
  authenticatorNextCopyState: "idle" | "copied" | "failed";
  onCopyAuthenticator(copy: AuthenticatorCopy): void;
}

export const PinnedCard = memo(function PinnedCard(props: PinnedCardProps) {
  const { userKey, label, phoneNumber, address, slot, latest, latestEmail, masked, revealed } =
    props;
  const { fresh } = props;
  return (
    <li
      class={`pinned-card${latest || latestEmail || props.authenticator ? "" : " no-code"}${fresh ? " fresh" : ""}`}
      data-phone={phoneNumber}
      data-owner={userKey}
    >
      <div class="pinned-head">
        {slot <= 9 && (
          <kbd
            class="slot"
            title={
              props.authenticator
                ? `Press ${slot} to copy, Shift+${slot} for the authenticator code`
                : `Press ${slot} to copy`
            }
          >
            {slot}
          </kbd>
        )}
        <div class="pinned-id">
          <h3 class="pinned-name" title={label}>
            {label}
          </h3>
          {/* The number, else (a person met by email alone) the address, unless the label is it. */}
          {(phoneNumber ?? (address !== label ? address : undefined)) && (
            <span class="number" translate={false}>
              {phoneNumber ?? address}
            </span>
          )}
        </div>
      </div>
      {latest && (
        <>
          <div class="pinned-code">
            <CodeValue
              code={latest.code}
              masked={masked}
              revealed={revealed}
              onToggleReveal={() => props.onToggleReveal(latest.id)}
              size="huge"
            />
            <CopyButton
              label={`Copy ${label}'s code`}
              state={props.copyState}
              // This render's code: the card renders again whenever its code changes.
              onCopy={() => props.onCopy({ key: userKey, label, code: latest })}
              prominent
            />
          </div>
          <TimeInfo code={latest} compact />
        </>
      )}
      {latestEmail && <PinnedEmail {...props} email={latestEmail} />}
      {props.otherEmail && (
        <PinnedEmail
          {...props}
          email={props.otherEmail}
          emailRevealed={props.otherEmailRevealed}
          emailCopyState={props.otherEmailCopyState}
        />
      )}
      {props.authenticator && (
        <AuthenticatorCode
          userKey={userKey}
          label={label}
          codes={props.authenticatorCodes}
          answered={props.authenticatorAnswered}
          error={props.authenticatorError}
          masked={masked}
          revealed={props.authenticatorRevealed}
          copyState={props.authenticatorCopyState}
          nextCopyState={props.authenticatorNextCopyState}
          onCopy={props.onCopyAuthenticator}
          onToggleReveal={props.onToggleReveal}
        />
      )}
      {!latest && !latestEmail && !props.authenticator && (
        <p class="pinned-none">No code in the last {props.retentionMinutes} min</p>
      )}
    </li>
  );
});

/** The card's newest email: its kind and subject, then its code or its link. */
function PinnedEmail(props: PinnedCardProps & { email: InboxCode }) {
  const { email, label, userKey, masked } = props;
  const link = email.code === "" ? mainLinkOf(email) : null;
  const subject = subjectLine(email, masked && !props.emailRevealed);
  const copied = { key: userKey, label, code: email };
  return (
    <div class="pinned-email">
      <p class="pinned-email-head">
        <Badges badges={codeBadges(email)} />
        <span class="email-subject">{subject}</span>
      </p>
      {link ? (
        <LinkActions
          link={link}
          who={label}
          masked={masked}
          copyState={props.emailCopyState}
          onCopyLink={() => props.onCopyLink(copied)}
          prominent
        />
      ) : (
        <div class="pinned-code">
          <CodeValue
            code={email.code}
            masked={masked}
            revealed={props.emailRevealed}
            onToggleReveal={() => props.onToggleReveal(email.id)}
            size="huge"
          />
          <CopyButton
            label={`Copy ${label}'s email code`}
            state={props.emailCopyState}
            onCopy={() => props.onCopy(copied)}
            prominent
          />
        </div>
      )}
      <p class="pinned-email-foot">
        <TimeInfo code={email} compact />
        <button
          type="button"
          class="link-button view-email"
          aria-label={`View email for ${label}: ${subject}`}
          onClick={() => props.onViewEmail(email)}
        >
          View email
        </button>
      </p>
    </div>
  );
}
