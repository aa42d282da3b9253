// Calls into an SDK that may be broken: a call can throw synchronously (a
// failed Firestore queue throws "AsyncQueue is already failed" before any
// promise exists), reject, or never settle. settle() turns all three into a
// plain answer, so a caller's loop always goes on.

export type Settled<T> =
  | { ok: true; value: T }
  | { ok: false; failure: "threw" | "rejected" | "timeout"; error: unknown };

export function settle<T>(call: () => Promise<T> | T, timeoutMs: number): Promise<Settled<T>> {
  let pending: Promise<T> | T;
  try {
    pending = call();
  } catch (error) {
    return Promise.resolve({ ok: false, failure: "threw", error });
  }
  return new Promise((resolve) => {
    const timer = setTimeout(
      () =>
        resolve({
          ok: false,
          failure: "timeout",
          error: new Error(`no answer in ${timeoutMs} ms`),
        }),
      timeoutMs,
    );
    Promise.resolve(pending).then(
      (value) => {
        clearTimeout(timer);
        resolve({ ok: true, value });
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ ok: false, failure: "rejected", error });
      },
    );
  });
}

/** A message or stack from anything thrown. */
export const errorText = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
