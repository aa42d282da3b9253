// A tiny Liquid renderer for the template fixtures: `{{ name }}` and
// `{% if a == 'x' or a == 'y' %}…{% elsif … %}…{% else %}…{% endif %}`, which is
// all Auth0's default email templates use. Test support only: the product never
// renders templates, Auth0 does. Values go in as Auth0 puts them, unescaped.
// The fixtures are named *.liquid: they are Auth0's templates, kept as Auth0
// wrote them, which the HTML linter has no business rewriting.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const TEMPLATES_DIR = join(import.meta.dirname, "..", "fixtures", "templates");

export type Variables = Readonly<Record<string, string>>;

const TAG = /({%[\s\S]*?%})/;

function holds(condition: string, variables: Variables): boolean {
  return condition.split(/\s+or\s+/).some((clause) => {
    const match = /^\s*([\w.]+)\s*==\s*'([^']*)'\s*$/.exec(clause);
    if (!match?.[1]) throw new Error(`unsupported Liquid condition: ${clause}`);
    return (variables[match[1]] ?? "") === match[2];
  });
}

/** Resolves if/elsif/else/endif blocks, innermost structure first, by walking the tags. */
function resolveBlocks(parts: string[], variables: Variables): string {
  let output = "";
  // Each open if: whether a branch was taken already, and whether the current one is live.
  const open: { taken: boolean; live: boolean; outerLive: boolean }[] = [];
  const live = () => open.every((block) => block.live);
  for (const part of parts) {
    const tag = /^{%\s*(if|elsif|else|endif)\b([\s\S]*?)%}$/.exec(part);
    if (!tag) {
      if (live()) output += part;
      continue;
    }
    const [, keyword, rest = ""] = tag;
    if (keyword === "if") {
      const outerLive = live();
      const result = outerLive && holds(rest, variables);
      open.push({ taken: result, live: result, outerLive });
    } else {
      const block = open[open.length - 1];
      if (!block) throw new Error(`unmatched {% ${keyword} %}`);
      if (keyword === "endif") open.pop();
      else if (keyword === "else") {
        block.live = block.outerLive && !block.taken;
        block.taken = true;
      } else {
        block.live = block.outerLive && !block.taken && holds(rest, variables);
        block.taken ||= block.live;
      }
    }
  }
  if (open.length > 0) throw new Error("unclosed {% if %}");
  return output;
}

export function render(template: string, variables: Variables): string {
  const withBlocks = resolveBlocks(template.split(TAG), variables);
  return withBlocks.replace(/{{\s*([\w.]+)\s*}}/g, (_, name: string) => variables[name] ?? "");
}

export const readTemplate = (name: string): string =>
  readFileSync(join(TEMPLATES_DIR, `${name}.liquid`), "utf8");

export const renderFixture = (name: string, variables: Variables): string =>
  render(readTemplate(name), variables);
