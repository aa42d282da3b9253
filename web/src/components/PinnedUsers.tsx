import type { PinnedUser } from "../logic/pinned-users.js";
import { CodeValue } from "./CodeValue.js";
import { CopyButton } from "./CopyButton.js";
import { TimeInfo } from "./TimeInfo.js";

export interface PinnedUsersProps {
  users: PinnedUser[];
  now: number;
  retentionMinutes: number;
  masked: boolean;
  revealed: ReadonlySet<string>;
  freshIds: ReadonlySet<string>;
  copyStateOf(key: string): "idle" | "copied" | "failed";
  onCopy(user: PinnedUser): void;
  onToggleReveal(codeId: string): void;
}

export const pinnedCopyKey = (user: PinnedUser) => `pinned:${user.key}`;

/** One card per person with their latest code: "copy Alice's code" is one click. */
export function PinnedUsers(props: PinnedUsersProps) {
  const { users, now, masked, revealed, freshIds } = props;
  return (
    <ul class="pinned-grid">
      {users.map((user) => {
        const latest = user.latest;
        const fresh = latest !== undefined && freshIds.has(latest.id);
        return (
          <li
            key={user.key}
            class={`pinned-card${latest ? "" : " no-code"}${fresh ? " fresh" : ""}`}
            data-phone={user.phoneNumber}
            data-owner={user.key}
          >
            <div class="pinned-head">
              {user.slot <= 9 && (
                <kbd class="slot" title={`Press ${user.slot} to copy`}>
                  {user.slot}
                </kbd>
              )}
              <div class="pinned-id">
                <h3 class="pinned-name" title={user.label}>
                  {user.label}
                </h3>
                <span class="number" translate={false}>
                  {user.phoneNumber}
                </span>
              </div>
            </div>
            {latest ? (
              <>
                <div class="pinned-code">
                  <CodeValue
                    code={latest.code}
                    masked={masked}
                    revealed={revealed.has(latest.id)}
                    onToggleReveal={() => props.onToggleReveal(latest.id)}
                    size="huge"
                  />
                  <CopyButton
                    label={`Copy ${user.label}'s code`}
                    state={props.copyStateOf(pinnedCopyKey(user))}
                    onCopy={() => props.onCopy(user)}
                    prominent
                  />
                </div>
                <TimeInfo code={latest} now={now} compact />
              </>
            ) : (
              <p class="pinned-none">No code in the last {props.retentionMinutes} min</p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
