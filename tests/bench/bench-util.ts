/** Shared helpers for the benchmarks under tests/bench (timing, percentiles, tables). */

export const BENCH_SCALE = Number(process.env.BENCH_SCALE ?? '1') || 1;

/** Scales a size by BENCH_SCALE (at least 1). */
export function scaled(n: number): number {
  return Math.max(1, Math.round(n * BENCH_SCALE));
}

/** The p-th percentile (0..100) of a list of numbers (nearest-rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export interface LoadResult {
  ops: number;
  seconds: number;
  opsPerSecond: number;
  /** Latency per operation in ms. */
  latencies: number[];
}

/** Runs `opsPerWorker` sequential operations in each of `workers` concurrent workers; times each op. */
export async function runLoad(
  workers: number,
  opsPerWorker: number,
  op: (worker: number, i: number) => Promise<void>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; i < opsPerWorker; i++) {
        const t = process.hrtime.bigint();
        await op(w, i);
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const ops = workers * opsPerWorker;
  return { ops, seconds, opsPerSecond: ops / seconds, latencies };
}

/** Times one async function. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = process.hrtime.bigint();
  const result = await fn();
  return { result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** A Markdown table. */
export function table(header: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.map(String).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
