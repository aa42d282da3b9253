import type { CodeListItem } from "../logic/inbox-view.js";
import type { InboxCode } from "../logic/types.js";
import { CodeRow } from "./CodeRow.js";

export interface CodeListProps {
  items: CodeListItem[];
  now: number;
  masked: boolean;
  revealed: ReadonlySet<string>;
  freshIds: ReadonlySet<string>;
  stale: boolean;
  copyStateOf(key: string): "idle" | "copied" | "failed";
  onCopy(item: CodeListItem): void;
  onToggleReveal(codeId: string): void;
}

export const codeCopyKey = (code: InboxCode) => `code:${code.id}`;

export function CodeList(props: CodeListProps) {
  return (
    <ol class={`code-list${props.stale ? " stale" : ""}`} aria-label="Codes, newest first">
      {props.items.map((item) => (
        <CodeRow
          key={item.code.id}
          code={item.code}
          label={item.label}
          now={props.now}
          superseded={item.superseded}
          fresh={props.freshIds.has(item.code.id)}
          masked={props.masked}
          revealed={props.revealed.has(item.code.id)}
          copyState={props.copyStateOf(codeCopyKey(item.code))}
          onCopy={() => props.onCopy(item)}
          onToggleReveal={() => props.onToggleReveal(item.code.id)}
        />
      ))}
    </ol>
  );
}
