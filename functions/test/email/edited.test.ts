// Edited templates, other languages and hostile HTML: the code comes from the
// template's structure, never from the first run of digits, and the main link is
// the action's, never a logo's or a footer's.
import { describe, expect, it } from "vitest";
import type { EmailExtraction } from "../../src/contract/email.js";
import { extractEmail } from "../../src/email/extract.js";
import { renderFixture } from "./support/render.js";
import { CODE, URLS } from "./support/samples.js";

function extract(html: string, extra: Record<string, string> = {}): EmailExtraction {
  const result = extractEmail({ html, ...extra });
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.refusal)}`);
  return result.value;
}

const codeOf = (html: string, extra: Record<string, string> = {}) => extract(html, extra).code;

describe("edited templates", () => {
  it.each([
    ["in a heading", `<h1>${CODE}</h1><p>Enter this code to continue.</p>`],
    [
      "in a table cell",
      `<p>Your code</p><table><tr><td style="font-size:28px">${CODE}</td></tr></table>`,
    ],
    [
      "in a monospace span",
      `<p>Use <span style="font-family:monospace">${CODE}</span> to sign in.</p>`,
    ],
    ["in <code>", `<p>Code: <code>${CODE}</code></p>`],
    ["after the sentence", `<p><strong>${CODE}</strong> is your one-time code.</p>`],
    [
      "letter-spaced in a div",
      `<div>Verification code</div><div style="letter-spacing:8px">${CODE}</div>`,
    ],
    ["as entities", `<p>Your code is: <b>&#52;&#56;&#50;&#57;&#49;&#51;</b></p>`],
    ["as hex entities", `<p>Your code: &#x34;&#x38;&#x32;&#x39;&#x31;&#x33;</p>`],
    ["split over elements", `<p>Code:</p><p><b><span>${CODE}</span></b></p>`],
    [
      "nested deep in tables",
      `${"<table><tr><td>".repeat(40)}<p>code</p><b>${CODE}</b>${"</td></tr></table>".repeat(40)}`,
    ],
  ])("finds the code %s", (_, html) => {
    expect(codeOf(html)).toBe(CODE);
  });

  it("takes an unlabelled code standing alone only for a code message type", () => {
    const html = `<p>Hello,</p><p>${CODE}</p><p>Thanks</p>`;
    expect(codeOf(html, { message_type: "mfa_oob_code" })).toBe(CODE);
    expect(codeOf(html)).toBeNull();
    expect(codeOf(html, { message_type: "welcome_email" })).toBeNull();
  });

  it("accepts 4 to 10 digits and nothing else", () => {
    expect(codeOf("<p>Your code is: <b>1234</b></p>")).toBe("1234");
    expect(codeOf("<p>Your code is: <b>1234567890</b></p>")).toBe("1234567890");
    expect(codeOf("<p>Your code is: <b>123</b></p>")).toBeNull();
    expect(codeOf("<p>Your code is: <b>12345678901</b></p>")).toBeNull();
    // Letters are refused on purpose (see EMAIL_CODE_PATTERN), full-width digits too.
    expect(codeOf("<p>Your code is: <b>AB12CD</b></p>")).toBeNull();
    expect(codeOf("<p>Your code is: <b>４８２９１３</b></p>")).toBeNull();
  });

  it("finds a button and a plain link alike, and keeps the button's words", () => {
    const button = `<table><tr><td bgcolor="#0a66c2" style="border-radius:4px"><a href="${URLS.verify}" style="color:#fff">Verify email</a></td></tr></table>`;
    const plain = `<p>Verify your email: <a href="${URLS.verify}">${URLS.verify}</a></p>`;
    expect(extract(button).mainLink).toEqual({ url: URLS.verify, text: "Verify email" });
    expect(extract(plain).mainLink?.url).toBe(URLS.verify);
    expect(extract(button + plain).links).toEqual([{ url: URLS.verify, text: "Verify email" }]);
  });

  it("prefers the action over a help link that comes first", () => {
    const html = `<p><a href="https://example.com/help">Need help?</a></p>
      <p><a href="https://example.com/getting-started">Read the guide</a></p>
      <p><a href="${URLS.reset}" style="background:#000;padding:12px">Reset password</a></p>`;
    const value = extract(html);
    expect(value.mainLink?.url).toBe(URLS.reset);
    expect(value.links).toHaveLength(3);
  });

  it("has no main link when the email asks for no action", () => {
    const html = `<p>Welcome aboard! <a href="https://example.com/blog" style="background:#000;padding:8px">Read our blog</a></p>
      <p><a href="https://example.com/privacy">Privacy policy</a></p>`;
    expect(extract(html).mainLink).toBeNull();
  });
});

describe("other languages", () => {
  const cases: [string, string, string | null, string | null][] = [
    [
      "es",
      `<h1>Verifica tu correo</h1><p>Tu código de verificación es:</p><p style="font-size:24px"><b>${CODE}</b></p><p>Pedido 778899 · Llámenos al 912 345 678</p><p><a href="${URLS.verify}" style="background:#333">Verificar correo</a></p><p><a href="https://example.com/privacidad">Política de privacidad</a></p>`,
      CODE,
      URLS.verify,
    ],
    [
      "fr",
      `<p>Votre code de vérification&nbsp;: <strong>${CODE}</strong></p><p>Commande n° 778899, code postal 75001.</p><p><a href="${URLS.reset}">Réinitialiser le mot de passe</a></p><p><a href="https://example.com/desabonnement">Se désinscrire</a></p>`,
      CODE,
      URLS.reset,
    ],
    [
      "de",
      `<p>Ihr Bestätigungscode lautet <b>${CODE}</b>.</p><p>Bestellung 778899 vom 14.03.2026, PLZ 10115.</p><p><a href="${URLS.invite}">Einladung annehmen</a></p><p><a href="https://example.com/datenschutz">Datenschutz</a> · <a href="https://example.com/impressum">Impressum</a></p>`,
      CODE,
      URLS.invite,
    ],
    [
      "ja",
      `<p>認証コードは以下の通りです。</p><p style="font-size:28px;letter-spacing:4px">${CODE}</p><p>注文番号 778899 ／ 2026年3月14日</p><p><a href="${URLS.verify}">メールアドレスを確認する</a></p><p><a href="https://example.com/privacy-jp">プライバシーポリシー</a></p>`,
      CODE,
      URLS.verify,
    ],
    ["ja, inline", `<p>コード：${CODE} を入力してください。</p>`, CODE, null],
    ["zh", `<p>您的验证码是: <b>${CODE}</b></p>`, CODE, null],
    ["pt", `<p>Seu código é <b>${CODE}</b></p>`, CODE, null],
  ];
  it.each(cases)("%s", (_, html, code, main) => {
    const value = extract(html);
    expect(value.code).toBe(code);
    expect(value.mainLink?.url ?? null).toBe(main);
  });
});

describe("hostile HTML", () => {
  const decoys = renderFixture("../edited/decoys", { code: CODE });

  it("passes over every decoy to the code", () => {
    expect(codeOf(decoys)).toBe(CODE);
  });

  it("drops mailto:, tel:, javascript:, data: and relative links, keeps the rest in order", () => {
    expect(extract(decoys).links.map((link) => link.url)).toEqual([
      "https://shop.example.com/?utm_source=email&id=424242",
      "https://example.com/privacy",
      "https://example.com/terms",
      "https://example.com/unsubscribe?u=987654",
    ]);
  });

  it("never makes a logo, a tracking pixel or a footer link the main link", () => {
    expect(extract(decoys).mainLink).toBeNull();
  });

  it.each([
    ["a year in the footer", "<p>Thanks!</p><p>© 2026 Example</p>"],
    ["a copyright year labelled code", "<p>Source code © 2026</p>"],
    ["an order number", "<p>Your order number: <b>778899</b></p>"],
    ["an order number near a code word", "<p>Order 778899 — use the code in the next email.</p>"],
    ["a date", "<p>Code sent on 14/03/2026.</p>"],
    ["a time", "<p>Your code expires at 1030.</p><p>Code valid until 10:30:45</p>"],
    ["a phone number", "<p>Code problems? Call 555 123 4567.</p>"],
    ["a price", "<p>Promo code price: $1234</p>"],
    ["a colour", "<p>Code colour #123456</p>"],
    ["a zip code", "<p>Zip code 90210</p>"],
    ["a quantity", "<p>Your code expires in 1440 minutes.</p>"],
    ["digits in a URL's text", `<p>Code link: <a href="${URLS.magic}">${URLS.magic}</a></p>`],
    [
      "digits in attributes only",
      `<p title="code 123456" data-code="123456">Your code is in the app.</p>`,
    ],
    ["a script", "<p>Your code:</p><script>document.write('482913')</script>"],
    ["a style block", "<p>Your code:</p><style>.c{width:482913px}</style>"],
    ["a hidden element", `<p>Your code:</p><p style="display: none !important">${CODE}</p>`],
    ["font-size 0", `<p>Your code:</p><p style="font-size:0">${CODE}</p>`],
    ["an aria-hidden decoy", `<p>Your code:</p><p aria-hidden="true"><b>${CODE}</b></p>`],
    ["the title", `<html><head><title>Code ${CODE}</title></head><body><p>Hello</p></body></html>`],
  ])("finds no code in %s", (_, html) => {
    expect(codeOf(html)).toBeNull();
  });

  it("does not guess between two equally likely codes", () => {
    expect(codeOf("<p>Code: <b>111111</b></p><p>Code: <b>222222</b></p>")).toBeNull();
    // The same code shown twice is still one code.
    expect(codeOf(`<p>Code: <b>${CODE}</b></p><p>Code: <b>${CODE}</b></p>`)).toBe(CODE);
  });

  it("reads what mjml templates show: font-size 0 on the cell, a real size inside", () => {
    const html = `<td style="font-size:0px"><div style="font-size:16px">Your code is: ${CODE}</div></td>`;
    expect(codeOf(html)).toBe(CODE);
  });

  it("keeps a hidden anchor in links but never as the main link", () => {
    const html = `<div style="display:none"><a href="${URLS.verify}">Verify</a></div>`;
    const value = extract(html);
    expect(value.links.map((link) => link.url)).toEqual([URLS.verify]);
    expect(value.links[0]?.text).toBe("");
    expect(value.mainLink).toBeNull();
  });

  it("decodes entities in link text and hrefs", () => {
    const html = `<a href="https://example.com/verify?ticket=a&amp;b=1">Verify &amp; continue&nbsp;&rarr;</a>`;
    expect(extract(html).links).toEqual([
      { url: "https://example.com/verify?ticket=a&b=1", text: "Verify & continue →" },
    ]);
  });

  it("caps the links and says so", () => {
    const anchors = Array.from(
      { length: 80 },
      (_, i) => `<a href="https://example.com/${i}">${i}</a>`,
    );
    const value = extract(anchors.join(""));
    expect(value.links).toHaveLength(50);
    expect(value.links[49]?.url).toBe("https://example.com/49");
    expect(value.linksTruncated).toBe(true);
  });

  it("drops over-long URLs rather than cutting them, and cuts long link text", () => {
    const long = `https://example.com/${"a".repeat(3000)}`;
    const text = "word ".repeat(100);
    const value = extract(`<a href="${long}">x</a><a href="https://example.com/ok">${text}</a>`);
    expect(value.links.map((link) => link.url)).toEqual(["https://example.com/ok"]);
    expect(value.links[0]?.text.length).toBeLessThanOrEqual(200);
  });

  // htmlparser2's Parser shifts its element stack at the front (O(depth) a tag):
  // 87,000 nested <b> took seconds there. Our own stack keeps this linear.
  it.each([
    ["nested <b>", "<b>"],
    ["nested tables", "<table><tr><td>"],
    ["nested blocks", "<div><span>"],
    ["stray end tags", "</b>"],
    ["anchors", "<a href='https://example.com/verify?ticket=1'>"],
    ["misnested tags", "<i><b></i></b>"],
    ["styled elements", "<b style='font-size:0;display:none' x='1' y='2'>"],
  ])("stays fast and bounded on 256 KiB of %s", (_, unit) => {
    const html = unit.repeat(Math.floor((256 * 1024) / unit.length));
    const started = performance.now();
    const result = extractEmail({ html });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.ok).toBe(true);
  });

  it("finds a code under deep nesting and beside huge attributes", () => {
    const deep = `${"<div><span>".repeat(12_000)}<p>Your code is: <b>${CODE}</b></p>`;
    const wide = `<p style="${"color:red;".repeat(20_000)}" title="${"9".repeat(50_000)}">Your code: <b>${CODE}</b></p>`;
    expect(codeOf(deep)).toBe(CODE);
    expect(codeOf(wide)).toBe(CODE);
  });
});

describe("refusals", () => {
  it.each([
    [{ html: "" }, "html"],
    [{ html: "   " }, "html"],
    [{}, "html"],
    [{ html: 42 }, "html"],
    [{ html: "x".repeat(256 * 1024 + 1) }, "html"],
    [{ html: "é".repeat(128 * 1024 + 1) }, "html"],
    [{ html: "<p>hi</p>", locale: "not a locale!" }, "locale"],
    [{ html: "<p>hi</p>", message_type: "x".repeat(65) }, "message_type"],
    [{ html: "<p>hi</p>", subject: 7 }, "subject"],
    [{ html: "<p>hi</p>", text: "x".repeat(256 * 1024 + 1) }, "text"],
  ])("refuses %j naming %s", (input, field) => {
    const result = extractEmail(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.refusal.field).toBe(field);
      expect(result.refusal.message.length).toBeGreaterThan(0);
    }
  });

  it.each([null, undefined, "html", 42, []])("refuses %j as a whole", (input) => {
    const result = extractEmail(input);
    expect(result).toEqual({
      ok: false,
      refusal: { field: "notification", message: "must be an object" },
    });
  });

  it("accepts HTML of exactly the cap and any message type", () => {
    const html = `<p>Code: <b>${CODE}</b></p>`.padEnd(256 * 1024, " ");
    const result = extractEmail({ html, message_type: "passwordless_email_code" });
    expect(result.ok && result.value.code).toBe(CODE);
  });
});
