import { type EmailLink, shortLink } from "../logic/email.js";
import { CopyButton } from "./CopyButton.js";
import { ExternalIcon } from "./icons.js";

export interface LinkActionsProps {
  link: EmailLink;
  /** Whom the email is for, for the buttons' accessible names. */
  who: string;
  masked: boolean;
  copyState: "idle" | "copied" | "failed";
  onCopyLink(): void;
  /** Larger variant on pinned cards. */
  prominent?: boolean;
}

/**
 * An email's main link: Copy link first, because a magic link must be opened
 * in the browser that asked for it (often not this one); Open second. Open is
 * a plain link, so the browser fetches it only when a person clicks it: the
 * page never fetches, prefetches or HEADs it, since a verification, reset or
 * unblock link is a one-time ticket that a "pre-click" would spend.
 */
export function LinkActions({
  link,
  who,
  masked,
  copyState,
  onCopyLink,
  prominent,
}: LinkActionsProps) {
  return (
    <div class={`link-actions${prominent ? " prominent" : ""}`}>
      <span class="link-preview" translate={false}>
        {shortLink(link.url, masked)}
      </span>
      <span class="link-buttons">
        <CopyButton
          label={`Copy link for ${who}`}
          idleText="Copy link"
          state={copyState}
          onCopy={onCopyLink}
          prominent={prominent}
        />
        <a
          class="open-link"
          href={link.url}
          target="_blank"
          rel="noopener noreferrer"
          referrerpolicy="no-referrer"
          aria-label={`Open the link for ${who} in a new tab`}
        >
          Open
          <ExternalIcon />
        </a>
      </span>
    </div>
  );
}
