import { INTERNAL_HEADER, signInternalIdentity } from '../shared/platform/auth.js';

/** Small measuring tools shared by the benchmarks: percentiles, a request loop, peak RSS. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function timeSequential(n: number, fn: () => Promise<void>): Promise<{ p50: number; p95: number; max: number }> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] ?? NaN };
}

/** Requests per second with `concurrency` requests in flight, `n` in all. */
export async function throughput(n: number, concurrency: number, fn: () => Promise<void>): Promise<number> {
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < n) await fn();
    }),
  );
  return n / ((performance.now() - t) / 1000);
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const json = (await res.json()) as { errors?: unknown[] };
  if (json.errors) throw new Error(`request failed: ${JSON.stringify(json.errors).slice(0, 500)}`);
  return json;
}

export async function internalHeaders(roles: string[]): Promise<Record<string, string>> {
  return { [INTERNAL_HEADER]: await signInternalIdentity({ subject: 'bench', department: 'double-random-office', roles }) };
}

export const fmt = (n: number, digits = 2) => n.toFixed(digits);
