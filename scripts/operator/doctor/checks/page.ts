// The page and the seed's /otp are served with the security headers, and
// Firebase's reserved sign-in helper (/__/auth/iframe, which Google's popup
// frames when authDomain is the Hosting site) is left framable.
import { type Check, fail, pass, type Verdict } from "../check.js";
import type { HttpAnswer } from "../http.js";

const directive = (csp: string, name: string): string[] | undefined => {
  for (const part of csp.split(";")) {
    const [key, ...sources] = part.trim().split(/\s+/);
    if (key?.toLowerCase() === name) return sources;
  }
  return undefined;
};

/** What is wrong with one page answer's headers; empty when nothing is. */
export function pageHeaderProblems(answer: HttpAnswer, https: boolean): string[] {
  const problems: string[] = [];
  const header = (name: string) => answer.headers.get(name);
  const csp = header("content-security-policy") ?? "";
  if (!csp) problems.push("no Content-Security-Policy");
  else {
    if (directive(csp, "frame-ancestors")?.join(" ") !== "'none'")
      problems.push("the policy lets other sites frame the page (frame-ancestors)");
    const scripts = directive(csp, "script-src") ?? directive(csp, "default-src") ?? [];
    if (scripts.some((source) => ["'unsafe-inline'", "'unsafe-eval'", "*"].includes(source)))
      problems.push("the policy allows inline or eval'd script");
    if (https && /127\.0\.0\.1|localhost/.test(csp))
      problems.push(
        "the policy still lets the page reach this machine (127.0.0.1): a local build's",
      );
  }
  if (header("x-frame-options")?.toUpperCase() !== "DENY")
    problems.push("X-Frame-Options is not DENY");
  if (header("x-content-type-options")?.toLowerCase() !== "nosniff")
    problems.push("X-Content-Type-Options is not nosniff");
  if (!header("referrer-policy")) problems.push("no Referrer-Policy");
  if (https && !header("strict-transport-security")) problems.push("no Strict-Transport-Security");
  return problems;
}

export function judgePage(
  answers: { path: string; answer: HttpAnswer }[],
  https: boolean,
): Verdict {
  const problems: string[] = [];
  for (const { path, answer } of answers) {
    if (answer.status !== 200) {
      problems.push(
        answer.status === 0
          ? `${path} did not answer (${answer.error ?? "no connection"})`
          : `${path} answered ${answer.status}`,
      );
      continue;
    }
    if (!/text\/html/.test(answer.headers.get("content-type") ?? ""))
      problems.push(`${path} is not HTML`);
    else if (!/<div id="app">/.test(answer.text)) problems.push(`${path} is not the inbox page`);
    for (const problem of pageHeaderProblems(answer, https)) problems.push(`${path}: ${problem}`);
  }
  if (problems.length > 0) {
    const unreachable = answers.every(({ answer }) => answer.status === 0);
    return fail(
      problems.join("; "),
      unreachable
        ? "check the URL; for the local stack, start it with npm start"
        : "deploy the page with its headers: npm run deploy -- --only hosting (firebase.json holds them)",
    );
  }
  return pass(answers.map(({ path }) => path).join(" and "));
}

export function judgeAuthHelper(answer: HttpAnswer, local: boolean): Verdict {
  const framingRefused =
    answer.headers.get("x-frame-options") !== null ||
    /frame-ancestors/i.test(answer.headers.get("content-security-policy") ?? "");
  if (framingRefused) {
    return fail(
      "/__/auth/iframe carries the page's anti-framing headers, so Google sign-in's popup cannot use it",
      "scope firebase.json's strict headers to the page's own paths (as the repository's firebase.json does) and deploy hosting",
    );
  }
  if (local) return pass("no framing rule reaches it (the Hosting emulator does not serve it)");
  if (answer.status !== 200) {
    return fail(
      `/__/auth/iframe answered ${answer.status || answer.error}`,
      "serve the site from Firebase Hosting (its reserved /__/auth/ pages are Google sign-in's helper)",
    );
  }
  return pass("framable");
}

export const pageCheck: Check = {
  name: "the page and /otp are served with the security headers",
  async run({ target, http }) {
    const paths = ["/", "/otp"];
    const answers = await Promise.all(
      paths.map(async (path) => ({ path, answer: await http({ url: `${target.origin}${path}` }) })),
    );
    return judgePage(answers, target.origin.startsWith("https:"));
  },
};

export const authHelperCheck: Check = {
  name: "Google sign-in's /__/auth/iframe is framable",
  async run({ target, http }) {
    return judgeAuthHelper(
      await http({ url: `${target.origin}/__/auth/iframe` }),
      target.kind === "local",
    );
  },
};
