// One timer for every render the clock sets off. Wakes due at the same
// instant (logic/render-slots.ts puts them there) run in the same task, so
// Preact renders them in one pass and Chromium draws one frame for them all,
// where a timer each drew a frame each.

interface Wake {
  at: number;
  run(): void;
}

const pending = new Set<Wake>();
let timer: ReturnType<typeof setTimeout> | undefined;
let timerAt = Number.POSITIVE_INFINITY;

function disarm(): void {
  clearTimeout(timer);
  timer = undefined;
  timerAt = Number.POSITIVE_INFINITY;
}

function arm(): void {
  let earliest = Number.POSITIVE_INFINITY;
  for (const wake of pending) earliest = Math.min(earliest, wake.at);
  if (earliest === Number.POSITIVE_INFINITY) {
    disarm();
    return;
  }
  // A timer already set for earlier finds nothing due and arms again.
  if (timer !== undefined && timerAt <= earliest) return;
  disarm();
  timerAt = earliest;
  timer = setTimeout(fire, Math.max(0, earliest - Date.now()));
}

function fire(): void {
  timer = undefined;
  timerAt = Number.POSITIVE_INFINITY;
  // A timer that fires early runs nothing before its time: it arms again.
  const now = Date.now();
  const due = [...pending].filter((wake) => wake.at <= now);
  for (const wake of due) pending.delete(wake);
  arm();
  let failure: { error: unknown } | undefined;
  for (const wake of due) {
    try {
      wake.run();
    } catch (error) {
      // The others still run; the first failure reaches the page's error
      // handler as a timer's throw would.
      failure ??= { error };
    }
  }
  if (failure) throw failure.error;
}

/** Runs `run` once the browser clock reaches `atMs`, with every other wake due then; returns the cancel. */
export function wakeAt(atMs: number, run: () => void): () => void {
  const wake: Wake = { at: atMs, run };
  pending.add(wake);
  arm();
  return () => {
    if (!pending.delete(wake)) return;
    if (pending.size === 0) disarm();
  };
}
