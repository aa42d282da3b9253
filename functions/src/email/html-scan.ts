// One pass over an email's HTML with htmlparser2's tokenizer (entities
// decoded, no DOM built): the visible text as one string with block breaks, how
// each stretch of it is styled, the elements whose whole text is short (where a
// code stands alone), and every anchor. Nothing is fetched: attributes are only
// read. Work and memory are linear in the input, whatever its nesting.
import { Tokenizer } from "htmlparser2";
import { NO_STYLE, readStyle, type StyleFacts } from "./inline-style.js";

/** Text whose element is at most this long is kept as a standalone span (codes are ≤ 10). */
const MAX_STANDALONE_CHARS = 32;
/** Anchors read per email; far more than any template has, few enough to stay fast. */
export const MAX_SCANNED_ANCHORS = 2000;
/** Text at least this large (px) stands out; Auth0's body text is 13–16px. */
const LARGE_TEXT_PX = 20;

/** Content that is never shown as the email's text. */
const SKIPPED_TAGS = new Set([
  "script",
  "style",
  "head",
  "title",
  "template",
  "svg",
  "math",
  "iframe",
  "object",
  "xml",
]);

/** Elements that start a new line of text: a code never runs across them. */
const BLOCK_TAGS = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "br",
  "center",
  "dd",
  "div",
  "dl",
  "dt",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "html",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
]);

const BOLD_TAGS = new Set(["b", "strong", "h1", "h2", "h3", "h4", "h5", "h6", "th"]);
const MONOSPACE_TAGS = new Set(["code", "kbd", "pre", "samp", "tt"]);
const HEADING_PX: Record<string, number> = { h1: 32, h2: 24, h3: 19 };

/** A stretch of visible text and whether it stands out (bold, large, spaced, monospace). */
export interface TextRun {
  start: number;
  end: number;
  prominent: boolean;
}

/** An element whose whole visible text is short: [start, end) of the scanned text. */
export interface ShortElement {
  start: number;
  end: number;
  prominent: boolean;
}

export interface ScannedAnchor {
  href: string;
  /** [start, end) of its visible text in the scanned text. */
  textStart: number;
  textEnd: number;
  /** Neither it nor an ancestor hides it. */
  visible: boolean;
  /** Holds an image (a logo, a badge). */
  hasImage: boolean;
  /** Styled or marked as a button, or sitting in a button's cell. */
  buttonLike: boolean;
}

export interface ScannedEmail {
  /** Visible text, whitespace collapsed, "\n" between blocks. */
  text: string;
  runs: TextRun[];
  shortElements: ShortElement[];
  anchors: ScannedAnchor[];
  /** More anchors than MAX_SCANNED_ANCHORS were in the HTML. */
  anchorsCut: boolean;
}

interface Frame {
  tag: string;
  /** Hidden for good: display:none, the hidden attribute, aria-hidden, skipped content. */
  hidden: boolean;
  /** visibility:hidden, which a descendant may undo. */
  invisible: boolean;
  fontSizePx: number | undefined;
  bold: boolean;
  monospace: boolean;
  letterSpaced: boolean;
  textStart: number;
  buttonLike: boolean;
  anchor: ScannedAnchor | undefined;
}

const ROOT: Frame = {
  tag: "#root",
  hidden: false,
  invisible: false,
  fontSizePx: undefined,
  bold: false,
  monospace: false,
  letterSpaced: false,
  textStart: 0,
  buttonLike: false,
  anchor: undefined,
};

const isTrue = (value: string | undefined): boolean =>
  value !== undefined && value.trim().toLowerCase() === "true";

function childFrame(
  parent: Frame,
  tag: string,
  attribs: Record<string, string>,
  textStart: number,
): Frame {
  const style: StyleFacts = attribs.style ? readStyle(attribs.style) : NO_STYLE;
  const marker = `${attribs.class ?? ""} ${attribs.id ?? ""}`.slice(0, 256);
  return {
    tag,
    hidden:
      parent.hidden ||
      SKIPPED_TAGS.has(tag) ||
      style.hides ||
      Object.hasOwn(attribs, "hidden") ||
      isTrue(attribs["aria-hidden"]),
    invisible: style.visible ? false : parent.invisible || style.hides,
    fontSizePx: style.fontSizePx ?? HEADING_PX[tag] ?? parent.fontSizePx,
    bold: style.bold || BOLD_TAGS.has(tag) || parent.bold,
    monospace: style.monospace || MONOSPACE_TAGS.has(tag) || parent.monospace,
    letterSpaced: style.letterSpaced || parent.letterSpaced,
    textStart,
    buttonLike:
      style.buttonLike ||
      attribs.bgcolor !== undefined ||
      attribs.role === "button" ||
      /\b(button|btn|cta)\b|signin/i.test(marker),
    anchor: parent.anchor,
  };
}

const isVisible = (frame: Frame): boolean =>
  !frame.hidden && !frame.invisible && frame.fontSizePx !== 0;

const isProminent = (frame: Frame): boolean =>
  frame.bold ||
  frame.monospace ||
  frame.letterSpaced ||
  (frame.fontSizePx !== undefined && frame.fontSizePx >= LARGE_TEXT_PX);

const VOID_TAGS = new Set([
  "area",
  "base",
  "basefont",
  "br",
  "col",
  "command",
  "embed",
  "frame",
  "hr",
  "img",
  "input",
  "isindex",
  "keygen",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);

/** What may sit in <head>; anything else closes it, as browsers do. */
const HEAD_CONTENT = new Set([
  "title",
  "style",
  "script",
  "meta",
  "link",
  "base",
  "noscript",
  "template",
]);

// Which open elements a start tag closes (htmlparser2's table, trimmed to what
// shapes visible text): a new row closes the last cell, a block closes a <p>.
const P_ONLY = new Set(["p"]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "p"]);
const OPEN_IMPLIES_CLOSE = new Map<string, ReadonlySet<string>>([
  ["tr", new Set(["tr", "th", "td"])],
  ["th", new Set(["th"])],
  ["td", new Set(["thead", "th", "td"])],
  ["tbody", new Set(["thead", "tbody"])],
  ["tfoot", new Set(["thead", "tbody"])],
  ["body", new Set(["head", "link", "script"])],
  ["a", new Set(["a"])],
  ["li", new Set(["li"])],
  ["option", new Set(["option"])],
  ["dd", new Set(["dd", "dt"])],
  ["dt", new Set(["dd", "dt"])],
  ...["h1", "h2", "h3", "h4", "h5", "h6"].map((tag): [string, ReadonlySet<string>] => [
    tag,
    HEADINGS,
  ]),
  ...[
    "p",
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "div",
    "dl",
    "figure",
    "footer",
    "form",
    "header",
    "hr",
    "main",
    "nav",
    "ol",
    "pre",
    "section",
    "table",
    "ul",
  ].map((tag): [string, ReadonlySet<string>] => [tag, P_ONLY]),
]);

/** Attribute values are read up to this many characters (hostile input: huge attributes). */
const MAX_ATTRIBUTE_CHARS = 8192;

const fromCodePoint = (codePoint: number): string =>
  codePoint >= 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : "\ufffd";

/**
 * Scans HTML once; never throws on any string. htmlparser2's Tokenizer lexes
 * (tags, attributes, raw-text elements, entities); the element stack is ours,
 * pushed and popped in O(1), because its Parser's stack is shifted at the front
 * and costs O(depth) per tag: deeply nested hostile HTML would take seconds.
 */
export function scanHtml(html: string): ScannedEmail {
  const parts: string[] = [];
  let length = 0;
  /** The last character appended, to collapse whitespace across text nodes. */
  let last = "\n";
  const runs: TextRun[] = [];
  const shortElements: ShortElement[] = [];
  const anchors: ScannedAnchor[] = [];
  let anchorsCut = false;
  const stack: Frame[] = [ROOT];
  /** How many of each tag are open, so a stray end tag costs O(1). */
  const openCount = new Map<string, number>();
  const top = (): Frame => stack[stack.length - 1] ?? ROOT;

  const append = (piece: string) => {
    parts.push(piece);
    length += piece.length;
    last = piece[piece.length - 1] ?? last;
  };
  const breakLine = () => {
    if (last !== "\n") append("\n");
  };

  const text = (data: string) => {
    const frame = top();
    if (!isVisible(frame)) return;
    const collapsed = data.replace(/\s+/g, " ");
    const piece = last === " " || last === "\n" ? collapsed.replace(/^ /, "") : collapsed;
    if (piece.length === 0) return;
    const start = length;
    append(piece);
    const prominent = isProminent(frame);
    const previous = runs[runs.length - 1];
    if (previous && previous.end === start && previous.prominent === prominent) {
      previous.end = length;
    } else runs.push({ start, end: length, prominent });
  };

  const pop = () => {
    const frame = stack.pop() as Frame;
    openCount.set(frame.tag, (openCount.get(frame.tag) ?? 1) - 1);
    if (frame.anchor && frame.anchor !== top().anchor) frame.anchor.textEnd = length;
    if (length > frame.textStart && length - frame.textStart <= MAX_STANDALONE_CHARS) {
      shortElements.push({ start: frame.textStart, end: length, prominent: isProminent(frame) });
    }
    // Hidden blocks are not laid out: they break no line.
    if (BLOCK_TAGS.has(frame.tag) && isVisible(frame)) breakLine();
  };

  const open = (name: string, attribs: Record<string, string>) => {
    const closes = OPEN_IMPLIES_CLOSE.get(name);
    while (stack.length > 1 && closes?.has(top().tag)) pop();
    if (top().tag === "head" && !HEAD_CONTENT.has(name)) pop();
    const parent = top();
    const frame = childFrame(parent, name, attribs, length);
    if (BLOCK_TAGS.has(name) && isVisible(frame)) {
      breakLine();
      frame.textStart = length;
    }
    if (name === "img" && parent.anchor) parent.anchor.hasImage = true;
    if (name === "a" && attribs.href !== undefined) {
      if (anchors.length < MAX_SCANNED_ANCHORS) {
        // A button is the anchor's own style or the cell right around it
        // (Auth0's templates put the colour on the <td>, the link inside).
        const around = stack.slice(-2).some((f) => f.buttonLike && f.tag !== "#root");
        frame.anchor = {
          href: attribs.href,
          textStart: length,
          textEnd: length,
          visible: isVisible(frame),
          hasImage: false,
          buttonLike: frame.buttonLike || around,
        };
        anchors.push(frame.anchor);
      } else anchorsCut = true;
    }
    if (VOID_TAGS.has(name)) return;
    stack.push(frame);
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
  };

  const close = (name: string) => {
    if (VOID_TAGS.has(name)) {
      if (name === "br") breakLine();
      return;
    }
    if ((openCount.get(name) ?? 0) === 0) {
      if (name === "p") breakLine();
      return;
    }
    // Each frame is popped once in all, so closing is linear over the whole scan.
    while (stack.length > 1) {
      const tag = top().tag;
      pop();
      if (tag === name) break;
    }
  };

  let tagName = "";
  let attribs: Record<string, string> = {};
  let attribName = "";
  let attribValue = "";
  const slice = (start: number, end: number) => html.slice(start, end);
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      onopentagname(start, end) {
        tagName = slice(start, end).toLowerCase();
        // No prototype: an attribute called __proto__ or constructor is just a name.
        attribs = Object.create(null) as Record<string, string>;
      },
      onattribname(start, end) {
        attribName = slice(start, end).toLowerCase();
        attribValue = "";
      },
      onattribdata(start, end) {
        const room = MAX_ATTRIBUTE_CHARS - attribValue.length;
        if (room > 0) attribValue += slice(start, Math.min(end, start + room));
      },
      onattribentity(codePoint) {
        if (attribValue.length < MAX_ATTRIBUTE_CHARS) attribValue += fromCodePoint(codePoint);
      },
      onattribend() {
        // The first of two same-named attributes counts, as in browsers.
        if (!(attribName in attribs)) attribs[attribName] = attribValue;
      },
      onopentagend() {
        open(tagName, attribs);
      },
      onselfclosingtag() {
        // HTML ignores the slash of <div/>: the element stays open, as in browsers.
        open(tagName, attribs);
      },
      onclosetag(start, end) {
        close(slice(start, end).toLowerCase());
      },
      ontext(start, end) {
        text(slice(start, end));
      },
      ontextentity(codePoint) {
        text(fromCodePoint(codePoint));
      },
      oncdata() {},
      oncomment() {},
      ondeclaration() {},
      onprocessinginstruction() {},
      onend() {},
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  while (stack.length > 1) pop();
  return { text: parts.join(""), runs, shortElements, anchors, anchorsCut };
}
