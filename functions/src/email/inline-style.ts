// Reads the few inline-style facts the extraction needs: whether an element
// hides its content and whether it makes text stand out. Email clients drop or
// ignore most <style> blocks, and templates style inline, so only the `style`
// attribute counts. A plain declaration split, not a CSS parser: values we do
// not understand are ignored, never guessed at.

/** Attribute values beyond this are not read (hostile input: huge attributes). */
const MAX_STYLE_CHARS = 4096;

export interface StyleFacts {
  /** display:none, visibility:hidden, opacity:0, max-height:0 with overflow:hidden. */
  hides: boolean;
  /** visibility:visible, which re-shows inside a visibility:hidden parent. */
  visible: boolean;
  /** font-size in px when it can be told (px, pt, em/rem against 16px, keywords); 0 hides. */
  fontSizePx: number | undefined;
  bold: boolean;
  monospace: boolean;
  letterSpaced: boolean;
  /** A background colour, padding or rounded border: what a button looks like. */
  buttonLike: boolean;
}

export const NO_STYLE: StyleFacts = {
  hides: false,
  visible: false,
  fontSizePx: undefined,
  bold: false,
  monospace: false,
  letterSpaced: false,
  buttonLike: false,
};

const FONT_SIZE_KEYWORDS: Record<string, number> = {
  "xx-small": 9,
  "x-small": 10,
  small: 13,
  medium: 16,
  large: 18,
  "x-large": 24,
  "xx-large": 32,
  "xxx-large": 48,
};

/** A CSS length as px, relative units against the 16px default; undefined when unknown. */
export function fontSizeToPx(value: string): number | undefined {
  const keyword = FONT_SIZE_KEYWORDS[value];
  if (keyword !== undefined) return keyword;
  const match = /^(-?\d*\.?\d+)(px|pt|em|rem|%)?$/.exec(value);
  if (!match?.[1]) return undefined;
  const size = Number(match[1]);
  if (!Number.isFinite(size)) return undefined;
  switch (match[2]) {
    case "pt":
      return (size * 4) / 3;
    case "em":
    case "rem":
      return size * 16;
    case "%":
      return (size * 16) / 100;
    default:
      // A bare 0 is a length; any other unitless number is not a font size.
      return match[2] === "px" || size === 0 ? size : undefined;
  }
}

const isZero = (value: string): boolean => /^0*\.?0+(px|pt|em|rem|%)?$/.test(value);

export function readStyle(style: string | undefined): StyleFacts {
  if (!style) return NO_STYLE;
  const facts: StyleFacts = { ...NO_STYLE };
  let maxHeightZero = false;
  let overflowHidden = false;
  for (const declaration of style.slice(0, MAX_STYLE_CHARS).split(";")) {
    const colon = declaration.indexOf(":");
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration
      .slice(colon + 1)
      .replace(/!\s*important/i, "")
      .trim()
      .toLowerCase();
    switch (property) {
      case "display":
        if (value === "none") facts.hides = true;
        break;
      case "visibility":
        if (value === "hidden" || value === "collapse") facts.hides = true;
        if (value === "visible") facts.visible = true;
        break;
      case "opacity":
        if (isZero(value)) facts.hides = true;
        break;
      case "max-height":
      case "height":
        if (isZero(value)) maxHeightZero = true;
        break;
      case "overflow":
        if (value === "hidden") overflowHidden = true;
        break;
      case "font-size":
        facts.fontSizePx = fontSizeToPx(value);
        break;
      case "font-weight":
        facts.bold = value === "bold" || value === "bolder" || Number(value) >= 600;
        break;
      case "font-family":
        facts.monospace = /mono|courier|consolas|menlo/.test(value);
        break;
      case "letter-spacing":
        facts.letterSpaced = value !== "normal" && !isZero(value) && !value.startsWith("-");
        break;
      case "background":
      case "background-color":
        if (value !== "none" && value !== "transparent" && value !== "") facts.buttonLike = true;
        break;
      case "border-radius":
        if (!isZero(value)) facts.buttonLike = true;
        break;
    }
  }
  // The preheader trick: a zero-height box that clips its text.
  if (maxHeightZero && overflowHidden) facts.hides = true;
  return facts;
}
