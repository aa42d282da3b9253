// Errors nothing else caught: a promise rejected with no handler, or an
// exception outside Preact's render (the error boundary has those). The page
// says so and how to recover, instead of failing silently.
import { useEffect, useState } from "preact/hooks";
import { isDeadSdkError } from "../logic/sdk-failure.js";
import { errorText } from "../logic/settle.js";

export function usePageErrors(): { message: string | null; dismiss(): void } {
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    // A failed Firestore SDK throws from its own callbacks until it is
    // replaced: the watchdog handles that and the connection notice says so.
    const show = (text: string) => {
      if (!isDeadSdkError(text)) setMessage(text);
    };
    const onRejection = (event: PromiseRejectionEvent) => show(errorText(event.reason));
    const onError = (event: ErrorEvent) => show(event.message || errorText(event.error));
    window.addEventListener("unhandledrejection", onRejection);
    window.addEventListener("error", onError);
    return () => {
      window.removeEventListener("unhandledrejection", onRejection);
      window.removeEventListener("error", onError);
    };
  }, []);
  return { message, dismiss: () => setMessage(null) };
}
