import type { Unsubscribe } from "./inbox-data.js";

export const isVisible = (): boolean => document.visibilityState !== "hidden";

/** Whether the tab is shown: checks and probes pause while it is hidden. */
export function onVisibilityChange(listener: () => void): Unsubscribe {
  document.addEventListener("visibilitychange", listener);
  return () => document.removeEventListener("visibilitychange", listener);
}

export function watchVisibility(next: (visible: boolean) => void): Unsubscribe {
  const update = () => next(isVisible());
  update();
  return onVisibilityChange(update);
}
