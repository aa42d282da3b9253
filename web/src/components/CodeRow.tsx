import { useRef } from "preact/hooks";
import { useContentSkipped } from "../hooks/use-content-skipped.js";
import { codeBadges } from "../logic/badges.js";
import { isEmail, mainLinkOf, subjectLine } from "../logic/email.js";
import type { InboxCode } from "../logic/types.js";
import { Badges } from "./Badges.js";
import { CodeValue } from "./CodeValue.js";
import { CopyButton } from "./CopyButton.js";
import { LinkActions } from "./LinkActions.js";
import { memo } from "./memo.js";
import { TimeInfo } from "./TimeInfo.js";

/**
 * Every prop is a plain value or a stable function, so a row renders again
 * only when what it shows changes (its time ticks inside TimeInfo).
 */
export interface CodeRowProps {
  code: InboxCode;
  /** Who the code is for (DisplayLabel.primary); "" when nobody is known. */
  labelPrimary: string;
  labelSecondary: string | undefined;
  superseded: boolean;
  fresh: boolean;
  masked: boolean;
  revealed: boolean;
  copyState: "idle" | "copied" | "failed";
  /** Called with the code this row shows now, and whom it is for. */
  onCopy(code: InboxCode, who: string): void;
  /** An email's main link: copies it (never fetches it). */
  onCopyLink(code: InboxCode, who: string): void;
  /** Opens "View email" for this email. */
  onViewEmail(code: InboxCode): void;
  onToggleReveal(codeId: string): void;
}

export const CodeRow = memo(function CodeRow(props: CodeRowProps) {
  const { code, labelPrimary, labelSecondary, superseded, fresh, masked, revealed, copyState } =
    props;
  const row = useRef<HTMLLIElement>(null);
  // A row far off screen (content-visibility skips it) stops its tick.
  const offscreen = useContentSkipped(row);
  const who = labelPrimary || code.recipient;
  const email = isEmail(code);
  const link = email && code.code === "" ? mainLinkOf(code) : null;
  const subject = email ? subjectLine(code, masked && !revealed) : "";
  const classes = ["code-row"];
  if (email) classes.push("email");
  if (superseded) classes.push("superseded");
  if (fresh) classes.push("fresh");
  if (code.code === "" && !link) classes.push("notice");
  return (
    <li ref={row} class={classes.join(" ")} data-code-id={code.id} data-recipient={code.recipient}>
      <div class="code-cell">
        {link ? (
          <LinkActions
            link={link}
            who={who}
            masked={masked}
            copyState={copyState}
            onCopyLink={() => props.onCopyLink(code, who)}
          />
        ) : code.code === "" ? (
          <span class="notice-text">No code</span>
        ) : (
          <>
            <CodeValue
              code={code.code}
              masked={masked}
              revealed={revealed}
              onToggleReveal={() => props.onToggleReveal(code.id)}
            />
            <CopyButton
              label={`Copy ${superseded ? "superseded " : ""}code for ${who}`}
              state={copyState}
              // This render's code: the row renders again whenever its code changes.
              onCopy={() => props.onCopy(code, who)}
            />
          </>
        )}
      </div>
      <div class="who-cell">
        <span class="who">
          {labelPrimary ? (
            <span class="label-primary">{labelPrimary}</span>
          ) : (
            <span class="label-unknown">Unlabelled number</span>
          )}
          {labelSecondary && <span class="label-secondary">{labelSecondary}</span>}
        </span>
        <span class="number" translate={false}>
          {code.recipient}
        </span>
        <Badges badges={codeBadges(code)} superseded={superseded} />
        {email && (
          <p class="email-line">
            <span class="email-subject">{subject}</span>
            <button
              type="button"
              class="link-button view-email"
              aria-label={`View email for ${who}: ${subject}`}
              onClick={() => props.onViewEmail(code)}
            >
              View email
            </button>
          </p>
        )}
        {!email && code.messageText !== "" && (
          <details class="message">
            <summary>Message</summary>
            <p>{code.messageText}</p>
          </details>
        )}
      </div>
      <div class="time-cell">
        <TimeInfo code={code} paused={offscreen} />
      </div>
    </li>
  );
});
