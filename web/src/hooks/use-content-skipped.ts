// Whether the browser skips an element's content for now: an element with
// `content-visibility: auto` that is far from the viewport. Chromium says so
// with `contentvisibilityautostatechange` (it does not bubble, so the listener
// sits on the element itself). Rows use it to stop their one-second tick while
// nobody can see them; they are unskipped before they scroll into view, so a
// row catches up before anyone sees it. Where the event never fires, nothing is
// ever skipped and everything ticks.
import type { RefObject } from "preact";
import { useEffect, useState } from "preact/hooks";

export const CONTENT_VISIBILITY_EVENT = "contentvisibilityautostatechange";

export function useContentSkipped(ref: RefObject<Element | null>): boolean {
  const [skipped, setSkipped] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const onChange = (event: Event) => {
      setSkipped((event as Event & { skipped?: boolean }).skipped === true);
    };
    element.addEventListener(CONTENT_VISIBILITY_EVENT, onChange);
    return () => element.removeEventListener(CONTENT_VISIBILITY_EVENT, onChange);
  }, [ref]);
  return skipped;
}
