// Parts of the page that most visits never show (the sign-in screen for a
// signed-in presenter, the shortcut list until "?"), loaded the first time
// they are shown, so the page's first download carries only what every visit needs.
import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";

export function lazy<P extends object>(
  load: () => Promise<ComponentType<P>>,
  /** Shown while it loads. */
  Fallback?: ComponentType,
): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const start = () => {
    loading ??= load().then(
      (component) => {
        loaded = component;
        return component;
      },
      (error: unknown) => {
        loading = undefined; // the next showing tries again
        throw error;
      },
    );
    return loading;
  };
  return function Lazy(props: P) {
    const [component, setComponent] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (component) return;
      let shown = true;
      start().then(
        (loadedComponent) => shown && setComponent(() => loadedComponent),
        () => shown && setFailed(true),
      );
      return () => {
        shown = false;
      };
    }, [component]);
    if (failed) {
      // Offline, or a deploy replaced the file this page knew.
      return (
        <p class="panel" role="alert">
          Part of this page could not be loaded.{" "}
          <button type="button" class="link-button" onClick={() => location.reload()}>
            Reload the page
          </button>
        </p>
      );
    }
    const Loaded = component;
    if (Loaded) return <Loaded {...props} />;
    return Fallback ? <Fallback /> : null;
  };
}
