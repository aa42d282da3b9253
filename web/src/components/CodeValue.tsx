import { maskCode } from "../logic/format.js";

export interface CodeValueProps {
  code: string;
  masked: boolean;
  /** Reveal a masked code (and hide it again) on click. */
  onToggleReveal(): void;
  revealed: boolean;
  size?: "large" | "huge";
}

/** The code in monospace; when masking is on, a button that reveals it. */
export function CodeValue({
  code,
  masked,
  revealed,
  onToggleReveal,
  size = "large",
}: CodeValueProps) {
  if (!masked) {
    return (
      <span class={`code-value ${size}`} translate={false}>
        {code}
      </span>
    );
  }
  return (
    <button
      type="button"
      class={`code-value ${size} maskable${revealed ? " revealed" : ""}`}
      aria-pressed={revealed}
      aria-label={revealed ? `Code ${code}: click to hide` : "Masked code: click to reveal"}
      onClick={onToggleReveal}
      translate={false}
    >
      {revealed ? code : maskCode(code)}
    </button>
  );
}
