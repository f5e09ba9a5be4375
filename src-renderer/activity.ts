/**
 * Tells the main process the person is still working when they type or click without
 * anything being saved or loaded, so a long form does not lock mid-way. At most one call a
 * minute; the main process's idle lock stays the authority.
 */
import { useEffect } from 'react';
import { call } from './api';

const EVERY_MS = 60_000;

export function useReportActivity(enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    let last = 0;
    const report = () => {
      const now = Date.now();
      if (now - last < EVERY_MS) return;
      last = now;
      call('session-activity', {}).catch(() => undefined);
    };
    const events = ['keydown', 'pointerdown', 'wheel'] as const;
    events.forEach((e) => window.addEventListener(e, report, { passive: true }));
    return () => events.forEach((e) => window.removeEventListener(e, report));
  }, [enabled]);
}
