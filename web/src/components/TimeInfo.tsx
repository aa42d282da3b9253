import { describeCountdown, formatAge, formatClockTime, formatCountdown } from "../logic/format.js";
import { ageOf, lifeLeft, timeLeft } from "../logic/time-window.js";
import type { InboxCode } from "../logic/types.js";

/** Age and time left, ticking with `now` (server time). */
export function TimeInfo({
  code,
  now,
  compact,
}: {
  code: InboxCode;
  now: number;
  compact?: boolean;
}) {
  const left = timeLeft(code, now);
  const fraction = lifeLeft(code, now);
  return (
    <span class={`time-info${compact ? " compact" : ""}`}>
      <time
        class="age"
        dateTime={new Date(code.receivedAt).toISOString()}
        title={`Received at ${formatClockTime(code.receivedAt)}`}
      >
        {formatAge(ageOf(code, now))}
      </time>
      <span class={`countdown${fraction < 0.2 ? " ending" : ""}`}>
        <span aria-hidden="true">{formatCountdown(left)}</span>
        <span class="sr-only">{describeCountdown(left)}</span>
      </span>
      {!compact && (
        <progress class="life" max={1} value={fraction} aria-hidden="true" tabIndex={-1} />
      )}
    </span>
  );
}
