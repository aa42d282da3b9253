import type { PinnedUser } from "../logic/pinned-users.js";
import type { InboxCode } from "../logic/types.js";
import { CodeValue } from "./CodeValue.js";
import { CopyButton } from "./CopyButton.js";
import { memo } from "./memo.js";
import { TimeInfo } from "./TimeInfo.js";

/** What a card's Copy acts on: the card's person and the code it shows now. */
export type PinnedCopy = Pick<PinnedUser, "key" | "label" | "latest">;

export interface PinnedUsersProps {
  users: PinnedUser[];
  retentionMinutes: number;
  masked: boolean;
  revealed: ReadonlySet<string>;
  freshIds: ReadonlySet<string>;
  copyStateOf(key: string): "idle" | "copied" | "failed";
  /** Stable: cards are memoised on their props. */
  onCopy(user: PinnedCopy): void;
  /** Stable: cards are memoised on their props. */
  onToggleReveal(codeId: string): void;
}

export const pinnedCopyKey = (user: Pick<PinnedUser, "key">) => `pinned:${user.key}`;

/** One card per person with their latest code: "copy Alice's code" is one click. */
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
          slot={user.slot}
          latest={user.latest}
          retentionMinutes={props.retentionMinutes}
          masked={masked}
          revealed={user.latest !== undefined && revealed.has(user.latest.id)}
          fresh={user.latest !== undefined && freshIds.has(user.latest.id)}
          copyState={props.copyStateOf(pinnedCopyKey(user))}
          onCopy={props.onCopy}
          onToggleReveal={props.onToggleReveal}
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
  phoneNumber: string;
  slot: number;
  latest: InboxCode | undefined;
  retentionMinutes: number;
  masked: boolean;
  revealed: boolean;
  fresh: boolean;
  copyState: "idle" | "copied" | "failed";
  onCopy(user: PinnedCopy): void;
  onToggleReveal(codeId: string): void;
}

export const PinnedCard = memo(function PinnedCard(props: PinnedCardProps) {
  const { userKey, label, phoneNumber, slot, latest, masked, revealed, fresh } = props;
  return (
    <li
      class={`pinned-card${latest ? "" : " no-code"}${fresh ? " fresh" : ""}`}
      data-phone={phoneNumber}
      data-owner={userKey}
    >
      <div class="pinned-head">
        {slot <= 9 && (
          <kbd class="slot" title={`Press ${slot} to copy`}>
            {slot}
          </kbd>
        )}
        <div class="pinned-id">
          <h3 class="pinned-name" title={label}>
            {label}
          </h3>
          <span class="number" translate={false}>
            {phoneNumber}
          </span>
        </div>
      </div>
      {latest ? (
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
              onCopy={() => props.onCopy({ key: userKey, label, latest })}
              prominent
            />
          </div>
          <TimeInfo code={latest} compact />
        </>
      ) : (
        <p class="pinned-none">No code in the last {props.retentionMinutes} min</p>
      )}
    </li>
  );
});
