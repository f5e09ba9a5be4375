/**
 * Where appointments sit on the day and week grid: a column per shop-local day, a vertical
 * position by wall-clock minutes since local midnight (the times the server sends), so an
 * appointment at 10:00 sits on the 10:00 row on the day the clocks change too. Appointments
 * that overlap in a column share it side by side, each in its own lane.
 */
import type { Appointment } from '../../../src-preload/contract';
import { wallMinutes } from '../../shopClock';

export const SLOT_MINUTES = 30;
export const SLOTS_PER_DAY = (24 * 60) / SLOT_MINUTES;
/** Drags snap to quarter hours. */
export const SNAP_MINUTES = 15;

export interface Placed {
  item: Appointment;
  column: number;
  /** Minutes since local midnight the block starts and ends (capped at the day's end). */
  top: number;
  bottom: number;
  lane: number;
  lanes: number;
}

export function placeItems(items: readonly Appointment[], dates: readonly string[]): Placed[] {
  const byColumn = new Map<number, Placed[]>();
  for (const item of items) {
    const column = dates.indexOf(item.local.date);
    if (column < 0) continue;
    const top = wallMinutes(item.local.start);
    const bottom = Math.min(24 * 60, top + Math.max(item.durationMinutes, SNAP_MINUTES));
    const list = byColumn.get(column) ?? [];
    list.push({ item, column, top, bottom, lane: 0, lanes: 1 });
    byColumn.set(column, list);
  }
  const out: Placed[] = [];
  for (const list of byColumn.values()) {
    list.sort((a, b) => a.top - b.top || b.bottom - a.bottom || a.item.id - b.item.id);
    // A cluster is a run of blocks each overlapping the run so far; its blocks share its lane count.
    let cluster: Placed[] = [];
    let clusterEnd = -1;
    const close = () => {
      const lanes = Math.max(1, ...cluster.map((p) => p.lane + 1));
      for (const p of cluster) p.lanes = lanes;
      out.push(...cluster);
      cluster = [];
    };
    for (const p of list) {
      if (cluster.length && p.top >= clusterEnd) close();
      const busy = new Set(cluster.filter((q) => q.bottom > p.top).map((q) => q.lane));
      let lane = 0;
      while (busy.has(lane)) lane++;
      p.lane = lane;
      cluster.push(p);
      clusterEnd = Math.max(clusterEnd, p.bottom);
    }
    close();
  }
  return out.sort((a, b) => a.column - b.column || a.top - b.top || a.lane - b.lane);
}

/** The appointment keyboard focus goes to from `from` in a direction: down and up within the day by time, left and right to the nearest in time on the next day that has one. */
export function nextPlaced(placed: readonly Placed[], from: Placed, key: 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight'): Placed | null {
  if (key === 'ArrowDown' || key === 'ArrowUp') {
    const same = placed.filter((p) => p.column === from.column);
    const i = same.indexOf(from);
    return same[key === 'ArrowDown' ? i + 1 : i - 1] ?? null;
  }
  const step = key === 'ArrowRight' ? 1 : -1;
  const columns = [...new Set(placed.map((p) => p.column))].filter((c) => (step > 0 ? c > from.column : c < from.column)).sort((a, b) => step * (a - b));
  const column = columns[0];
  if (column === undefined) return null;
  return placed.filter((p) => p.column === column).reduce((best, p) => (Math.abs(p.top - from.top) < Math.abs(best.top - from.top) ? p : best));
}
