import type { Unsubscribe } from "./inbox-data.js";

/** The browser's network flag; false means certainly offline, true means maybe online. */
export function watchOnline(next: (online: boolean) => void): Unsubscribe {
  const update = () => next(navigator.onLine);
  update();
  window.addEventListener("online", update);
  window.addEventListener("offline", update);
  return () => {
    window.removeEventListener("online", update);
    window.removeEventListener("offline", update);
  };
}
