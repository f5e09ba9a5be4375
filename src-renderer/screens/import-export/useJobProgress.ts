/** The latest job-progress event of a running job, with rows per second and time left. */
import { useEffect, useRef, useState } from 'react';
import type { Events } from '../../../src-preload/contract';
import { onEvent } from '../../api';

export interface ProgressView {
  jobId: string;
  /** What the job is doing: 'backup' while an import backs the book up first, then its own phases. */
  phase: string;
  percent: number | null;
  rows: number;
  rowsPerSecond: number;
  secondsLeft: number | null;
}

export function useJobProgress(active: boolean): ProgressView | null {
  const [view, setView] = useState<ProgressView | null>(null);
  const started = useRef<number>(0);
  useEffect(() => {
    if (!active) {
      setView(null);
      return;
    }
    started.current = performance.now();
    return onEvent('job-progress', (p: Events['job-progress']) => {
      const elapsed = Math.max(0.001, (performance.now() - started.current) / 1000);
      const fraction = p.total ? p.done / p.total : null;
      const rows = p.rows ?? p.done;
      // The rate counts from the end of the backup an import takes first.
      if (p.phase === 'backup') started.current = performance.now();
      setView({
        jobId: p.jobId,
        phase: p.phase,
        percent: fraction === null ? null : Math.round(fraction * 100),
        rows,
        rowsPerSecond: Math.round(rows / elapsed),
        secondsLeft: fraction && fraction > 0 ? Math.round((elapsed / fraction) * (1 - fraction)) : null,
      });
    });
  }, [active]);
  return view;
}
