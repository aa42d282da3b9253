// receivedAt is the server's clock; ages and countdowns use the browser's. A
// browser clock that is off by seconds would show "in the future" codes or
// expire them early, so the page estimates the offset from live arrivals: a
// code that arrives now was stamped "now minus network delay" by the server.
// The smallest recent sample is the best estimate (delay only adds).

const MAX_SAMPLES = 8;
/** Samples larger than this are not live arrivals (e.g. a reconnect's backlog). */
export const MAX_PLAUSIBLE_OFFSET_MS = 10 * 60_000;

export interface ClockOffset {
  /** Recent (browser now − server receivedAt) samples, newest last. */
  samples: readonly number[];
}

export const NO_CLOCK_OFFSET: ClockOffset = { samples: [] };

export function addClockSample(state: ClockOffset, browserNowMs: number, serverStampMs: number) {
  const sample = browserNowMs - serverStampMs;
  if (Math.abs(sample) > MAX_PLAUSIBLE_OFFSET_MS) return state;
  return { samples: [...state.samples, sample].slice(-MAX_SAMPLES) };
}

/**
 * A sample from an answer that states the server's time (the authenticator
 * endpoint's serverTime): it is live by construction, so no plausibility
 * limit applies, and a browser clock minutes off still learns the offset
 * that authenticator codes, which change with the server's steps, need.
 */
export function addServerTimeSample(
  state: ClockOffset,
  browserNowMs: number,
  serverTimeMs: number,
): ClockOffset {
  return { samples: [...state.samples, browserNowMs - serverTimeMs].slice(-MAX_SAMPLES) };
}

/** Both estimates' samples together: the smallest is still the best. */
export const mergeClockOffsets = (a: ClockOffset, b: ClockOffset): ClockOffset =>
  b.samples.length === 0
    ? a
    : a.samples.length === 0
      ? b
      : { samples: [...a.samples, ...b.samples] };

/** Milliseconds the browser clock runs ahead of the server's (negative: behind). */
export function clockOffsetMs(state: ClockOffset): number {
  return state.samples.length === 0 ? 0 : Math.min(...state.samples);
}

export const serverNow = (browserNowMs: number, state: ClockOffset): number =>
  browserNowMs - clockOffsetMs(state);
