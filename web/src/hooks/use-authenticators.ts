// Authenticator codes while the inbox is shown: who has an authenticator (a
// listener on authenticators/*, attached again after an error like the
// others), and, only when someone has one, their codes from the endpoint.
// One request per step: each answer holds the current and the next step's
// codes, so the page asks again once its current step has ended; a failed
// request is tried again with a backoff, and its reason stays on the cards
// meanwhile. Nothing is asked while the tab is hidden; shown again, it asks
// at once. Each answer's serverTime is also a clock sample: the codes change
// at the server's step boundaries, which the page must follow even when the
// browser's clock is off.
import type { AuthenticatorCodesAnswer } from "functions/contract/authenticator";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { InboxData } from "../data/inbox-data.js";
import {
  type AuthenticatorCodes,
  type AuthenticatorCodesError,
  answerLacks,
  codesByPerson,
  type InboxAuthenticator,
  refetchDelay,
  retryDelay,
} from "../logic/authenticator.js";
import { addServerTimeSample, type ClockOffset, NO_CLOCK_OFFSET } from "../logic/clock.js";
import { attachWithRetry } from "./reattach.js";

export interface AuthenticatorState {
  /** Everyone who has an authenticator, as the listener last reported. */
  authenticators: InboxAuthenticator[];
  /** Each person's current and next code, by their key, as last answered. */
  codes: ReadonlyMap<string, AuthenticatorCodes>;
  /** The endpoint has answered (someone missing from the answer has no codes to show). */
  answered: boolean;
  /** Why the latest request gave no codes; null once one has. */
  error: AuthenticatorCodesError | null;
  /** Browser − server time, from each answer's serverTime. */
  clock: ClockOffset;
}

const NO_AUTHENTICATORS: InboxAuthenticator[] = [];

const asError = (error: unknown): AuthenticatorCodesError => {
  const failure = error as Partial<AuthenticatorCodesError> | null;
  return {
    status: typeof failure?.status === "number" ? failure.status : null,
    code: typeof failure?.code === "string" ? failure.code : "unknown",
    message: error instanceof Error ? error.message : String(error),
  };
};

const keysOf = (authenticators: readonly InboxAuthenticator[]) =>
  authenticators
    .map((authenticator) => authenticator.key)
    .sort()
    .join("\n");

/**
 * @param active the inbox is shown to a reader (signed in and allowed, or public mode).
 * @param reader who reads (their uid, or null in public mode): a new one asks again.
 * @param generation the Firestore instance: a new one means attaching again.
 */
export function useAuthenticators(
  data: InboxData,
  active: boolean,
  reader: string | null,
  generation = 0,
): AuthenticatorState {
  const [authenticators, setAuthenticators] = useState(NO_AUTHENTICATORS);
  const [answer, setAnswer] = useState<AuthenticatorCodesAnswer | null>(null);
  const [error, setError] = useState<AuthenticatorCodesError | null>(null);
  const [clock, setClock] = useState<ClockOffset>(NO_CLOCK_OFFSET);
  const [visible, setVisible] = useState(true);
  /** Bumped to ask at once (someone new has an authenticator). */
  const [asks, setAsks] = useState(0);
  /** The people the answer in hand was asked for: a new set is asked for once, not in a loop. */
  const askedFor = useRef<string | null>(null);
  const keysRef = useRef("");
  keysRef.current = keysOf(authenticators);

  useEffect(() => data.watchVisibility(setVisible), [data]);

  useEffect(() => {
    if (!active) {
      setAuthenticators(NO_AUTHENTICATORS);
      return;
    }
    return attachWithRetry<InboxAuthenticator[]>((handlers) => data.watchAuthenticators(handlers), {
      next: ({ items }) => setAuthenticators(items),
      // The cards keep what they showed; the listener attaches again by itself.
      error: () => {},
    });
  }, [data, active, generation]);

  // Only when someone has an authenticator: an inbox without any never calls the endpoint.
  const wanted = active && authenticators.length > 0;
  useEffect(() => {
    if (!wanted || !visible) return;
    let stopped = false;
    let failures = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      timer = undefined;
      const keys = keysRef.current;
      try {
        const next = await data.readAuthenticatorCodes();
        const receivedAt = Date.now();
        if (stopped) return;
        failures = 0;
        askedFor.current = keys;
        setAnswer(next);
        setError(null);
        setClock((previous) => addServerTimeSample(previous, receivedAt, next.serverTime));
        timer = setTimeout(() => void ask(), refetchDelay(next));
      } catch (failure) {
        if (stopped) return;
        failures += 1;
        setError(asError(failure));
        timer = setTimeout(() => void ask(), retryDelay(failures));
      }
    };
    void ask();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [data, wanted, visible, reader, asks]);

  // Someone added since the answer was asked for: ask again at once, once.
  useEffect(() => {
    if (!wanted || !visible || answer === null) return;
    if (answerLacks(answer, authenticators) && askedFor.current !== keysRef.current) {
      askedFor.current = keysRef.current;
      setAsks((n) => n + 1);
    }
  }, [wanted, visible, answer, authenticators]);

  // Signed out (or refused): nothing of the last reader's stays on screen.
  useEffect(() => {
    if (wanted) return;
    setAnswer(null);
    setError(null);
    askedFor.current = null;
  }, [wanted]);
  useEffect(() => {
    setAnswer(null);
    setError(null);
  }, [reader]);

  const codes = useMemo(() => codesByPerson(answer), [answer]);
  return { authenticators, codes, answered: answer !== null, error, clock };
}
