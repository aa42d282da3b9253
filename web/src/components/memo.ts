// React's memo for Preact, without preact/compat (whose import also patches
// every vnode for React's event and prop names): a component that renders
// again only when one of its props changes by identity. Context changes still
// reach the components inside, as Preact delivers them to their consumers.
import { Component, type FunctionComponent, h } from "preact";

function shallowEqual(a: object, b: object): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  for (const key in left) if (key !== "children" && left[key] !== right[key]) return false;
  for (const key in right) if (key !== "children" && !(key in left)) return false;
  return left.children === right.children;
}

export function memo<P extends object>(render: FunctionComponent<P>): FunctionComponent<P> {
  class Memo extends Component<P> {
    static override displayName = `Memo(${render.displayName ?? render.name})`;
    override shouldComponentUpdate(next: P): boolean {
      return !shallowEqual(this.props, next);
    }
    override render(props: P) {
      return h(render, props);
    }
  }
  return Memo as unknown as FunctionComponent<P>;
}
