import { codeBadges } from "../logic/badges.js";
import type { DisplayLabel } from "../logic/labels.js";
import type { InboxCode } from "../logic/types.js";
import { Badges } from "./Badges.js";
import { CodeValue } from "./CodeValue.js";
import { CopyButton } from "./CopyButton.js";
import { TimeInfo } from "./TimeInfo.js";

export interface CodeRowProps {
  code: InboxCode;
  label: DisplayLabel;
  now: number;
  superseded: boolean;
  fresh: boolean;
  masked: boolean;
  revealed: boolean;
  copyState: "idle" | "copied" | "failed";
  onCopy(): void;
  onToggleReveal(): void;
}

export function CodeRow(props: CodeRowProps) {
  const { code, label, now, superseded, fresh, masked, revealed, copyState } = props;
  const who = label.primary || code.recipient;
  const classes = ["code-row"];
  if (superseded) classes.push("superseded");
  if (fresh) classes.push("fresh");
  if (code.code === "") classes.push("notice");
  return (
    <li class={classes.join(" ")} data-code-id={code.id} data-recipient={code.recipient}>
      <div class="code-cell">
        {code.code === "" ? (
          <span class="notice-text">No code</span>
        ) : (
          <>
            <CodeValue
              code={code.code}
              masked={masked}
              revealed={revealed}
              onToggleReveal={props.onToggleReveal}
            />
            <CopyButton
              label={`Copy ${superseded ? "superseded " : ""}code for ${who}`}
              state={copyState}
              onCopy={props.onCopy}
            />
          </>
        )}
      </div>
      <div class="who-cell">
        <span class="who">
          {label.primary ? (
            <span class="label-primary">{label.primary}</span>
          ) : (
            <span class="label-unknown">Unlabelled number</span>
          )}
          {label.secondary && <span class="label-secondary">{label.secondary}</span>}
        </span>
        <span class="number" translate={false}>
          {code.recipient}
        </span>
        <Badges badges={codeBadges(code)} superseded={superseded} />
        {code.messageText !== "" && (
          <details class="message">
            <summary>Message</summary>
            <p>{code.messageText}</p>
          </details>
        )}
      </div>
      <div class="time-cell">
        <TimeInfo code={code} now={now} />
      </div>
    </li>
  );
}
