import type { Ref } from "preact";
import { SearchIcon } from "./icons.js";

export interface FilterBarProps {
  value: string;
  onInput(value: string): void;
  inputRef: Ref<HTMLInputElement>;
}

export function FilterBar({ value, onInput, inputRef }: FilterBarProps) {
  return (
    <div class="filter">
      <label class="sr-only" for="filter-input">
        Filter by name or number
      </label>
      <SearchIcon />
      <input
        id="filter-input"
        ref={inputRef}
        type="search"
        placeholder="Filter by name or number"
        autocomplete="off"
        spellcheck={false}
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      <span class="hint kbd" aria-hidden="true">
        /
      </span>
    </div>
  );
}
