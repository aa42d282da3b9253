// The Idempotency-Key both Actions send: a prefix naming the trigger, then an
// HMAC-SHA-256 of what identifies one notification (each Action's
// *IdempotencyMaterial says what that is and why).

/**
 * Keyed with the webhook secret so the header (which proxies and logs may
 * keep) reveals nothing about the notification: a plain hash of a 6-digit code
 * and known context could be reversed by trying every code. The secret is the
 * same on every retry, so the key is too.
 */
export async function hmacKey(prefix: string, material: string, secret: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(material)));
  let hex = "";
  for (const byte of mac) hex += byte.toString(16).padStart(2, "0");
  return `${prefix}${hex}`;
}
