// Firestore read times as proto3 JSON carries them: RFC 3339 in UTC with 0–9
// fractional digits. The gateway compares them to keep a session's read times
// from going backwards (see WebChannelSession).

const RFC3339_UTC = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/;

function parts(readTime: string): [number, number] {
  const match = RFC3339_UTC.exec(readTime);
  if (!match?.[1]) throw new Error(`not an RFC 3339 UTC timestamp: ${readTime}`);
  const seconds = Date.parse(`${match[1]}Z`) / 1000;
  const nanos = Number((match[2] ?? "").padEnd(9, "0"));
  return [seconds, nanos];
}

/** Negative, zero or positive as `a` is before, at or after `b`. */
export function compareReadTimes(a: string, b: string): number {
  const [secondsA, nanosA] = parts(a);
  const [secondsB, nanosB] = parts(b);
  return secondsA - secondsB || nanosA - nanosB;
}
