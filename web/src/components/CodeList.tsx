import type { CodeListItem } from "../logic/inbox-view.js";
import type { InboxCode } from "../logic/types.js";
import { CodeRow } from "./CodeRow.js";

export interface CodeListProps {
  items: CodeListItem[];
  masked: boolean;
  revealed: ReadonlySet<string>;
  freshIds: ReadonlySet<string>;
  stale: boolean;
  copyStateOf(key: string): "idle" | "copied" | "failed";
  /** Stable: rows are memoised on their props. */
  onCopy(code: InboxCode, who: string): void;
  /** Stable: copies an email's main link. */
  onCopyLink(code: InboxCode, who: string): void;
  /** Stable: opens "View email". */
  onViewEmail(code: InboxCode): void;
  /** Stable: rows are memoised on their props. */
  onToggleReveal(codeId: string): void;
}

export const codeCopyKey = (code: Pick<InboxCode, "id">) => `code:${code.id}`;

export function CodeList(props: CodeListProps) {
  return (
    <ol class={`code-list${props.stale ? " stale" : ""}`} aria-label="Codes, newest first">
      {props.items.map((item) => (
        <CodeRow
          key={item.code.id}
          code={item.code}
          labelPrimary={item.label.primary}
          labelSecondary={item.label.secondary}
          superseded={item.superseded}
          fresh={props.freshIds.has(item.code.id)}
          masked={props.masked}
          revealed={props.revealed.has(item.code.id)}
          copyState={props.copyStateOf(codeCopyKey(item.code))}
          onCopy={props.onCopy}
          onCopyLink={props.onCopyLink}
          onViewEmail={props.onViewEmail}
          onToggleReveal={props.onToggleReveal}
        />
      ))}
    </ol>
  );
}
