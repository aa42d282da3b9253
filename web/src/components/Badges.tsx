import type { Badge } from "../logic/badges.js";

export function Badges({ badges, superseded }: { badges: Badge[]; superseded?: boolean }) {
  return (
    <span class="badges">
      {badges.map((badge) => (
        <span key={badge.text} class={`badge tone-${badge.tone}`} title={badge.title}>
          {badge.text}
        </span>
      ))}
      {superseded && (
        <span class="badge tone-muted" title="A newer code was sent to this number">
          Superseded
        </span>
      )}
    </span>
  );
}
