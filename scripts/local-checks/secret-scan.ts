// Finds secret-looking values in built files (the web bundle ships to every
// visitor). Pure: give it text, get findings; the caller reads the files.
// Findings never carry the value itself, only where and what kind, so a test
// failure does not print the secret it found.

export interface SecretFinding {
  kind: string;
  /** Character offset in the scanned text. */
  offset: number;
  length: number;
}

// Firebase web API keys identify the project and are public by design
// (Firestore rules and Auth protect the data, not the key).
const FIREBASE_WEB_API_KEY = /^AIza[0-9A-Za-z_-]{35}$/;

const PATTERNS: { kind: string; pattern: RegExp }[] = [
  // The name as code (env.OTP_WEBHOOK_SECRET, a "…" key) means a setting leaked
  // into the bundle; with a space on each side it is prose, such as the page's
  // refusal banner telling the presenter which setting to check.
  {
    kind: "the name OTP_WEBHOOK_SECRET",
    pattern: /(?<! )OTP_WEBHOOK_SECRET|OTP_WEBHOOK_SECRET(?! )/g,
  },
  { kind: "a private key block", pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/g },
  { kind: "a service-account private_key field", pattern: /["']private_key["']\s*:/g },
  {
    kind: "a JSON Web Token",
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
  },
  { kind: "an Authorization header value", pattern: /\bBearer [A-Za-z0-9._~+/=-]{16,}/g },
];

// Tokens: whole runs of base64/base64url/hex characters long enough to be a key.
export const TOKEN_PATTERN = /(?<![A-Za-z0-9+/_=-])[A-Za-z0-9+/_-]{32,}={0,2}(?![A-Za-z0-9+/_=-])/g;

/** Alphabets and tables (ABCDEF…, 0123…) are long runs too, but nobody's secret. */
function hasSequentialRun(text: string, runLength = 5): boolean {
  let run = 1;
  for (let i = 1; i < text.length; i += 1) {
    run = text.charCodeAt(i) === text.charCodeAt(i - 1) + 1 ? run + 1 : 1;
    if (run >= runLength) return true;
  }
  return false;
}

function looksRandom(token: string): boolean {
  if (FIREBASE_WEB_API_KEY.test(token) || hasSequentialRun(token)) return false;
  const hex = /^[0-9a-fA-F]+$/.test(token);
  if (hex) return /[0-9]/.test(token) && /[a-fA-F]/.test(token);
  // A path or identifier (lots of / or _ or -, or one letter case only) is not a key.
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(token)).length;
  const separators = (token.match(/[/_-]/g) ?? []).length;
  return classes === 3 && separators <= token.length / 8;
}

export interface ScanOptions {
  /** Exact values that must not appear (e.g. the local webhook secret). */
  knownSecrets?: readonly string[];
  /**
   * Whether a random-looking token is public anyway, e.g. because it is a
   * constant in a dependency's published source (the Firestore SDK embeds
   * encoded protobuf descriptors that look random).
   */
  isPublic?: (token: string) => boolean;
}

export function findSecrets(text: string, options: ScanOptions = {}): SecretFinding[] {
  const { knownSecrets = [], isPublic = () => false } = options;
  const findings: SecretFinding[] = [];
  for (const secret of knownSecrets) {
    if (secret.length < 8) continue; // too short to search for without noise
    for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
      findings.push({ kind: "a known secret value", offset: at, length: secret.length });
    }
  }
  for (const { kind, pattern } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      findings.push({ kind, offset: match.index, length: match[0].length });
    }
  }
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    if (looksRandom(match[0]) && !isPublic(match[0])) {
      findings.push({
        kind: "a long random-looking token",
        offset: match.index,
        length: match[0].length,
      });
    }
  }
  return findings.sort((a, b) => a.offset - b.offset);
}

/** Every value in a dotenv text such as functions/.secret.local (which holds only secrets), split at commas (a rotation holds "new,old"). */
export function secretValuesFromDotenv(text: string): string[] {
  const values: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?[A-Z0-9_]+\s*=\s*(.*?)\s*$/.exec(line);
    const raw = match?.[1]?.replace(/^(["'])(.*)\1$/, "$2");
    if (raw)
      values.push(
        ...raw
          .split(",")
          .map((value) => value.trim())
          .filter(Boolean),
      );
  }
  return values;
}
