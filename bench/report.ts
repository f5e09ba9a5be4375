/** The one output format of every benchmark: a JSON object per figure, on its own line. */
export interface Figure {
  bench: string;
  figure: string;
  value: number;
  unit: string;
  anchor: string;
  anchor_value: number;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export function report(f: Figure): void {
  const ratio = f.anchor_value > 0 ? f.value / f.anchor_value : 0;
  console.log(JSON.stringify({ ...f, value: round(f.value), anchor_value: round(f.anchor_value), ratio: round(ratio) }));
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Wall time of one call in milliseconds. */
export async function timeMs(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
