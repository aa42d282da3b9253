// The one place that turns the SDK's network off and on, so the probe loop
// (reachability) and the watchdog's restarts never interleave: calls run one
// after another, each bounded, and the state this instance was last put in
// is remembered, so a restart is always disable-then-enable and never a bare
// enable on an enabled network. A call that throws or never settles means
// the SDK is dead; that is reported, and the next call goes on regardless.
import { disableNetwork, enableNetwork } from "firebase/firestore";
import { errorText, settle } from "../logic/settle.js";
import type { FirestoreSession } from "./firestore-session.js";

/** disableNetwork/enableNetwork touch only the local SDK: a healthy one answers at once. */
export const NETWORK_CALL_TIMEOUT_MS = 5000;

export interface NetworkControl {
  /** What the probe decided: off while the host cannot be reached. */
  setEnabled(enabled: boolean): Promise<void>;
  /** The watchdog's first heal: disable, then enable (when the probe wants it on). */
  restart(): Promise<void>;
}

export function networkControl(session: FirestoreSession): NetworkControl {
  let wanted = true;
  // What the current instance was put in, and which instance that was.
  let applied = { generation: session.health().generation, enabled: true };
  let queue: Promise<void> = Promise.resolve();

  const call = async (enabled: boolean) => {
    const db = session.db();
    const generation = session.health().generation;
    const result = await settle(
      () => (enabled ? enableNetwork(db) : disableNetwork(db)),
      NETWORK_CALL_TIMEOUT_MS,
    );
    applied = { generation, enabled };
    if (!result.ok && result.failure !== "rejected") {
      session.markDead(
        `${enabled ? "enableNetwork" : "disableNetwork"} ${result.failure}: ${errorText(result.error)}`,
        db,
      );
    }
  };
  /** Brings the current instance to `wanted` (a new instance starts enabled). */
  const converge = async () => {
    if (applied.generation !== session.health().generation) {
      applied = { generation: session.health().generation, enabled: true };
    }
    if (applied.enabled !== wanted) await call(wanted);
  };
  const enqueue = (step: () => Promise<void>) => {
    queue = queue.then(step, step);
    return queue;
  };
  session.watch(() => {
    void enqueue(converge);
  });
  return {
    setEnabled(enabled) {
      wanted = enabled;
      return enqueue(converge);
    },
    restart() {
      return enqueue(async () => {
        await converge();
        if (!wanted) return;
        await call(false);
        await call(true);
      });
    },
  };
}
