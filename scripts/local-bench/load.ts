// HTTP load with autocannon: a fixed number of requests over a fixed number of
// connections, each request built by the caller, each answer handed back.
import autocannon from "autocannon";

export interface LoadOptions {
  url: string;
  connections: number;
  amount: number;
  headers: Record<string, string>;
  /** The body of the n-th request (0-based), in the order autocannon sends them. */
  body(n: number): string;
  /** Headers of the n-th request on top of `headers`. */
  requestHeaders?: (n: number) => Record<string, string>;
  /** Every answer: its status and body. */
  onResponse?: (status: number, body: string) => void;
}

export interface LoadFigures {
  requests: number;
  seconds: number;
  perSecond: number;
  /** Per request, ms (autocannon's histogram). */
  latency: { p50: number; p90: number; p99: number; max: number };
  statuses: Record<string, number>;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  let n = 0;
  const started = performance.now();
  const result = await autocannon({
    url: options.url,
    method: "POST",
    connections: options.connections,
    amount: options.amount,
    headers: options.headers,
    // A slow emulator must not turn into timeouts: latency is what is measured.
    timeout: 60,
    requests: [
      {
        setupRequest: (request) => {
          const i = n++;
          const extra = options.requestHeaders?.(i);
          return {
            ...request,
            body: options.body(i),
            ...(extra ? { headers: { ...options.headers, ...extra } } : {}),
          };
        },
        onResponse: (status, body) => options.onResponse?.(status, body),
      },
    ],
  });
  const seconds = (performance.now() - started) / 1000;
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count ?? 0]),
  );
  return {
    requests: result.requests.total,
    seconds,
    perSecond: result.requests.total / seconds,
    latency: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    statuses,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export const describeStatuses = (figures: LoadFigures): string =>
  Object.entries(figures.statuses)
    .map(([code, count]) => `${code}×${count}`)
    .join(" ") + (figures.errors ? ` errors×${figures.errors}` : "");
