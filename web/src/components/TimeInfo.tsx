import { useServerNow } from "../hooks/use-server-now.js";
import { describeCountdown, formatAge, formatClockTime, formatCountdown } from "../logic/format.js";
import { ageOf, lifeLeft, timeLeft } from "../logic/time-window.js";
import type { InboxCode } from "../logic/types.js";
import { memo } from "./memo.js";

/**
 * Age and time left, on the server's clock. The one part of a row that
 * changes every second, so it ticks by itself (the shared one-second tick)
 * while the row around it renders only when its code does.
 */
export const TimeInfo = memo(function TimeInfo({
  code,
  compact,
  paused,
}: {
  code: InboxCode;
  compact?: boolean;
  /** Off screen: hold still, and catch up at once when shown again. */
  paused?: boolean;
}) {
  const now = useServerNow(paused);
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
});
