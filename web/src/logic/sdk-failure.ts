// Recognising a Firestore SDK that has failed for good. When an operation on
// its async queue throws (an internal assertion such as "ca9", see
// firebase-js-sdk #10310), the queue is marked failed: it logs "INTERNAL
// UNHANDLED ERROR" once, no listener fires again, no error callback runs, and
// every later call throws "AsyncQueue is already failed" (assertion b815)
// synchronously. Only a new Firestore instance helps.

/** A thrown error that says the SDK's queue has failed. */
export function isDeadSdkError(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /AsyncQueue is already failed|\(ID: b815\)|INTERNAL ASSERTION FAILED/.test(text);
}

/**
 * A line the SDK logs at level error that means its queue just failed. The
 * b815 assertions are left out on purpose: a replaced instance that is
 * already dead logs one on every late callback, and must not make its
 * successor look dead; the successor's own calls throw when it is.
 */
export function isSdkFailureLog(message: string): boolean {
  if (message.includes("INTERNAL UNHANDLED ERROR")) return true;
  return message.includes("INTERNAL ASSERTION FAILED") && !message.includes("(ID: b815)");
}
