// The doctor's only way onto the network: one request, its answer read whole,
// and how long it took. A refused connection or a timeout is an answer too
// (status 0), so a check judges it like any other.

export interface HttpRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpAnswer {
  /** 0 when nothing answered (refused, unreachable, timed out). */
  status: number;
  headers: Headers;
  text: string;
  ms: number;
  /** Why nothing answered, when status is 0. */
  error?: string;
}

export async function httpRequest(request: HttpRequest, timeoutMs = 30_000): Promise<HttpAnswer> {
  const started = performance.now();
  try {
    const response = await fetch(request.url, {
      method: request.method ?? "GET",
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      ms: performance.now() - started,
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return {
      status: 0,
      headers: new Headers(),
      text: "",
      ms: performance.now() - started,
      error:
        cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error)),
    };
  }
}

/** The JSON body of an answer, or undefined when it is not JSON. */
export function jsonOf(answer: HttpAnswer): unknown {
  try {
    return JSON.parse(answer.text);
  } catch {
    return undefined;
  }
}
