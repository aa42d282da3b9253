// One delivery as Auth0 makes it through our Action: POST the payload with an
// Idempotency-Key, and on a retryable answer (503 with Retry-After, or no
// answer) send the same event with the same key again. The benchmarks deliver
// this way so a machine too busy for the webhook's 8 s Firestore deadline
// shows up as a slower figure and a count of retries, not a crashed row.
import { IDEMPOTENCY_HEADER } from "functions/contract/notification";

const ATTEMPTS = 5;

export interface Delivery {
  id: string;
  /** 1 when the first answer was 201. */
  attempts: number;
}

export async function deliver(
  url: string,
  secret: string,
  payload: unknown,
  key: string,
): Promise<Delivery> {
  let last = "";
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${secret}`,
        "content-type": "application/json",
        [IDEMPOTENCY_HEADER]: key,
      },
      body: JSON.stringify(payload),
    }).catch((error: unknown) => error as Error);
    if (!(response instanceof Error) && (response.status === 201 || response.status === 200)) {
      return { id: ((await response.json()) as { id: string }).id, attempts: attempt };
    }
    if (!(response instanceof Error) && response.status !== 503) {
      throw new Error(`the webhook answered ${response.status}: ${await response.text()}`);
    }
    let wait = 1;
    if (response instanceof Error) last = response.message;
    else {
      last = "503";
      wait = Number(response.headers.get("retry-after") ?? 1);
      await response.body?.cancel();
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 5) * 1000));
  }
  throw new Error(`the webhook did not store the code in ${ATTEMPTS} attempts (last: ${last})`);
}
