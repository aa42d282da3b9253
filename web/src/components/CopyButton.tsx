import { CheckIcon, CopyIcon } from "./icons.js";

export interface CopyButtonProps {
  /** Accessible name, e.g. "Copy Alice's code". */
  label: string;
  state: "idle" | "copied" | "failed";
  onCopy(): void;
  /** Larger variant on pinned cards. */
  prominent?: boolean;
  /** The visible text while idle, e.g. "Copy link"; "Copy" by default. */
  idleText?: string;
}

export function CopyButton({
  label,
  state,
  onCopy,
  prominent,
  idleText = "Copy",
}: CopyButtonProps) {
  const text = state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : idleText;
  return (
    <button
      type="button"
      class={`copy-button${prominent ? " prominent" : ""} ${state}`}
      aria-label={state === "idle" ? label : `${label}: ${text}`}
      onClick={onCopy}
    >
      {state === "copied" ? <CheckIcon /> : <CopyIcon />}
      <span class="copy-text" aria-hidden="true">
        {text}
      </span>
    </button>
  );
}
