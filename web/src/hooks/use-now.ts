import { useEffect, useState } from "preact/hooks";

/** The browser clock, re-read on every whole second so all ages tick together. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      timer = setTimeout(
        () => {
          setNow(Date.now());
          schedule();
        },
        1000 - (Date.now() % 1000) + 5,
      );
    };
    schedule();
    return () => clearTimeout(timer);
  }, []);
  return now;
}
