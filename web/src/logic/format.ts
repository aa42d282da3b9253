// Human-readable times. Everything takes "now" as an argument so the tick that
// drives the page, not this module, decides when values change.

export function formatAge(ageMs: number): string {
  const seconds = Math.floor(ageMs / 1000);
  if (seconds < 5) return "just now";
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ago`;
}

/** "9:05 left", or "expired". Rounds up so "0:00 left" never shows for a live code. */
export function formatCountdown(leftMs: number): string {
  if (leftMs <= 0) return "expired";
  const total = Math.ceil(leftMs / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, "0")} left`;
}

/** Seconds until expiry for screen readers: "expires in 9 minutes 5 seconds". */
export function describeCountdown(leftMs: number): string {
  if (leftMs <= 0) return "expired";
  const total = Math.ceil(leftMs / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  const parts = [];
  if (minutes > 0) parts.push(`${minutes} minute${minutes === 1 ? "" : "s"}`);
  if (seconds > 0) parts.push(`${seconds} second${seconds === 1 ? "" : "s"}`);
  return `expires in ${parts.join(" ")}`;
}

// Making an Intl.DateTimeFormat costs far more than formatting with one, and
// every row formats its time on every render: one per locale and time zone.
const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** Local wall-clock time, e.g. "14:03:07". */
export function formatClockTime(epochMs: number, locale?: string, timeZone?: string): string {
  const key = `${locale ?? ""}|${timeZone ?? ""}`;
  let format = clockFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      ...(timeZone ? { timeZone } : {}),
    });
    clockFormats.set(key, format);
  }
  return format.format(epochMs);
}

/** Placeholder shown instead of a masked code: same length, nothing readable. */
export const maskCode = (code: string): string => "•".repeat(Math.max(code.length, 4));

/** A span of time for prose: "800 ms", "12 s", "3 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}
