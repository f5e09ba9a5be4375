/**
 * The day or week grid: a column per shop-local day, a row per half hour of the shop's
 * clock. Rows are virtualised (@tanstack/react-virtual) and only the appointments that
 * reach the rows on screen are drawn, so a location's busy week stays light.
 *
 * Keyboard: one slot or appointment holds the tab stop; arrow keys move between slots (up
 * and down by half hours, left and right by days) and between appointments (by time within
 * a day, to the nearest on the next or previous day); Enter books a slot or opens an
 * appointment. A pointer drags an appointment to another time or day, or resizes it by its
 * lower edge; the change is saved through the same update as the form's.
 */
import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { Box, Text, UnstyledButton } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Appointment, AppointmentRange } from '../../../src-preload/contract';
import { formatDay, formatWallTime, fullName } from '../../format';
import { onTheClock, wallMinutes, wallTime } from '../../shopClock';
import { appointmentName, STATUS, timeRange } from './appointmentText';
import { nextPlaced, placeItems, SLOT_MINUTES, SLOTS_PER_DAY, SNAP_MINUTES, type Placed } from './layout';

const ROW = 36;
const TIME_COL = 72;
const px = (minutes: number) => (minutes / SLOT_MINUTES) * ROW;

type Focus = { kind: 'slot'; column: number; row: number } | { kind: 'appointment'; id: number };

export interface MoveChange {
  startAt?: { date: string; time: string };
  durationMinutes?: number;
}

interface Props {
  range: AppointmentRange;
  label: string;
  canBook: boolean;
  mayMove: (a: Appointment) => boolean;
  onSlot: (date: string, time: string) => void;
  onOpen: (a: Appointment) => void;
  onMove: (a: Appointment, change: MoveChange) => void;
}

interface Drag {
  id: number;
  mode: 'move' | 'resize';
  x: number;
  y: number;
  columnWidth: number;
  dMinutes: number;
  dColumns: number;
}

export function CalendarGrid({ range, label, canBook, mayMove, onSlot, onOpen, onMove }: Props) {
  const tz = range.timeZone;
  const dates = useMemo(() => range.days.map((d) => d.date), [range.days]);
  const placed = useMemo(() => placeItems(range.items, dates), [range.items, dates]);
  const scroller = useRef<HTMLDivElement>(null);
  const surface = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({ count: SLOTS_PER_DAY, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 6 });
  const [focus, setFocus] = useState<Focus>({ kind: 'slot', column: 0, row: (9 * 60) / SLOT_MINUTES });
  const pendingFocus = useRef(false);
  const [drag, setDrag] = useState<Drag | null>(null);
  const dragged = useRef(false);

  // Each day or week opens at its first appointment (half an hour before), else at 8:00, not at midnight.
  const scrolledFor = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (scrolledFor.current === label) return;
    scrolledFor.current = label;
    const first = placed.length ? Math.min(...placed.map((p) => p.top)) : 8 * 60 + SLOT_MINUTES;
    scroller.current?.scrollTo({ top: px(Math.max(0, first - SLOT_MINUTES)) });
  }, [label, placed]);

  // Focus follows the keyboard once the row it went to is drawn.
  useLayoutEffect(() => {
    if (!pendingFocus.current) return;
    const el = surface.current?.querySelector<HTMLElement>(focus.kind === 'slot' ? `[data-slot="${focus.column}-${focus.row}"]` : `[data-appointment="${focus.id}"]`);
    if (el) {
      pendingFocus.current = false;
      el.focus();
    }
  });

  const moveFocus = (next: Focus) => {
    const row = next.kind === 'slot' ? next.row : Math.floor((placed.find((p) => p.item.id === next.id)?.top ?? 0) / SLOT_MINUTES);
    rows.scrollToIndex(row, { align: 'auto' });
    pendingFocus.current = true;
    setFocus(next);
  };

  const slotKey = (e: KeyboardEvent, column: number, row: number) => {
    const to: Record<string, [number, number]> = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0], Home: [0, -row], End: [0, SLOTS_PER_DAY - 1 - row] };
    const step = to[e.key];
    if (!step) return;
    e.preventDefault();
    const c = Math.min(dates.length - 1, Math.max(0, column + step[0]));
    const r = Math.min(SLOTS_PER_DAY - 1, Math.max(0, row + step[1]));
    moveFocus({ kind: 'slot', column: c, row: r });
  };

  const appointmentKey = (e: KeyboardEvent, p: Placed) => {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown' && e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const next = nextPlaced(placed, p, e.key);
    if (next) return moveFocus({ kind: 'appointment', id: next.item.id });
    // No appointment that way: go on to the slot there.
    const row = Math.floor((e.key === 'ArrowDown' ? p.bottom : p.top) / SLOT_MINUTES) + (e.key === 'ArrowUp' ? -1 : 0);
    const column = p.column + (e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0);
    moveFocus({ kind: 'slot', column: Math.min(dates.length - 1, Math.max(0, column)), row: Math.min(SLOTS_PER_DAY - 1, Math.max(0, row)) });
  };

  const startDrag = (e: PointerEvent, p: Placed, mode: Drag['mode']) => {
    if (e.button !== 0 || !mayMove(p.item) || p.item.status === 'cancelled') return;
    const width = (surface.current?.getBoundingClientRect().width ?? TIME_COL) - TIME_COL;
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    dragged.current = false;
    setDrag({ id: p.item.id, mode, x: e.clientX, y: e.clientY, columnWidth: width / dates.length, dMinutes: 0, dColumns: 0 });
    e.stopPropagation();
  };
  const moveDrag = (e: PointerEvent) => {
    if (!drag) return;
    const dMinutes = Math.round((e.clientY - drag.y) / px(SNAP_MINUTES)) * SNAP_MINUTES;
    const dColumns = drag.mode === 'move' ? Math.round((e.clientX - drag.x) / drag.columnWidth) : 0;
    if (dMinutes !== drag.dMinutes || dColumns !== drag.dColumns) {
      dragged.current = true;
      setDrag({ ...drag, dMinutes, dColumns });
    }
  };
  const endDrag = (p: Placed) => {
    if (!drag) return;
    setDrag(null);
    if (!dragged.current || (drag.dMinutes === 0 && drag.dColumns === 0)) return;
    const shaped = shapeOf(p, drag, dates.length);
    if (drag.mode === 'resize') onMove(p.item, { durationMinutes: shaped.bottom - shaped.top });
    else onMove(p.item, { startAt: { date: dates[shaped.column]!, time: wallTime(shaped.top) } });
  };

  // One slot holds the slots' tab stop (the last one focused); every drawn appointment is a tab stop of its own.
  const [stop, setStop] = useState({ column: 0, row: (9 * 60) / SLOT_MINUTES });
  const tabStop = (column: number, row: number) => (stop.column === column && stop.row === row ? 0 : -1);
  if (stop.column >= dates.length) setStop({ ...stop, column: 0 });

  const items = rows.getVirtualItems();
  const topShown = (items[0]?.index ?? 0) * SLOT_MINUTES;
  const bottomShown = ((items[items.length - 1]?.index ?? 0) + 1) * SLOT_MINUTES;
  const columnLeft = (c: number) => `calc(${TIME_COL}px + (100% - ${TIME_COL}px) * ${c / dates.length})`;

  return (
    <Box role="group" aria-label={label} style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-md)' }}>
      <div style={{ display: 'flex', borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <div style={{ width: TIME_COL, flex: 'none' }} />
        {range.days.map((d) => (
          <div key={d.date} style={{ flex: 1, padding: '6px 8px', minWidth: 0 }}>
            <Text size="sm" fw={600} truncate>
              {formatDay(d.date)}
            </Text>
            {d.hours !== undefined && (
              <Text size="xs" c="dimmed" truncate>
                {d.hours ? `Open ${formatWallTime(d.hours.opens)}–${formatWallTime(d.hours.closes)}` : 'Closed'}
              </Text>
            )}
          </div>
        ))}
      </div>
      <div ref={scroller} style={{ height: 'min(70vh, 720px)', overflow: 'auto' }}>
        <div ref={surface} style={{ height: rows.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const time = wallTime(v.index * SLOT_MINUTES);
            return (
              <div key={v.key} style={{ position: 'absolute', top: v.start, height: ROW, left: 0, right: 0, display: 'flex', borderTop: '1px solid var(--mantine-color-default-border)' }}>
                <Text size="xs" c="dimmed" style={{ width: TIME_COL, flex: 'none', padding: '2px 6px' }} aria-hidden>
                  {formatWallTime(time)}
                </Text>
                {range.days.map((d, column) => {
                  const real = onTheClock(d.date, time, tz);
                  const minutes = v.index * SLOT_MINUTES;
                  const open = d.hours === undefined || (d.hours !== null && minutes >= wallMinutes(d.hours.opens) && minutes < wallMinutes(d.hours.closes));
                  return (
                    <UnstyledButton
                      key={d.date}
                      data-slot={`${column}-${v.index}`}
                      tabIndex={tabStop(column, v.index)}
                      aria-disabled={!real || !canBook || undefined}
                      aria-label={real ? `${canBook ? 'Book ' : ''}${formatDay(d.date, 'long')} ${formatWallTime(time)}` : `${formatWallTime(time)} is skipped by the clock change`}
                      onFocus={() => {
                        setFocus({ kind: 'slot', column, row: v.index });
                        setStop({ column, row: v.index });
                      }}
                      onKeyDown={(e) => slotKey(e, column, v.index)}
                      onClick={() => real && canBook && onSlot(d.date, time)}
                      style={{
                        flex: 1,
                        borderLeft: '1px solid var(--mantine-color-default-border)',
                        background: !real ? 'repeating-linear-gradient(45deg, transparent 0 6px, var(--mantine-color-default-border) 6px 8px)' : open ? undefined : 'var(--mantine-color-default-hover)',
                      }}
                    />
                  );
                })}
              </div>
            );
          })}
          {placed
            .filter((p) => p.bottom > topShown && p.top < bottomShown)
            .map((p) => {
              const shaped = drag?.id === p.item.id ? shapeOf(p, drag, dates.length) : p;
              const color = STATUS[p.item.status].color;
              const movable = mayMove(p.item) && p.item.status !== 'cancelled';
              return (
                <UnstyledButton
                  key={p.item.id}
                  data-appointment={p.item.id}
                  aria-label={appointmentName(p.item)}
                  tabIndex={0}
                  onFocus={() => setFocus({ kind: 'appointment', id: p.item.id })}
                  onKeyDown={(e) => appointmentKey(e, p)}
                  onClick={() => {
                    if (dragged.current) return void (dragged.current = false);
                    onOpen(p.item);
                  }}
                  onPointerDown={(e) => startDrag(e, p, 'move')}
                  onPointerMove={moveDrag}
                  onPointerUp={() => endDrag(p)}
                  onPointerCancel={() => setDrag(null)}
                  style={{
                    position: 'absolute',
                    top: px(shaped.top),
                    height: Math.max(px(shaped.bottom - shaped.top) - 2, 18),
                    left: `calc(${columnLeft(shaped.column)} + (100% - ${TIME_COL}px) * ${p.lane / p.lanes / dates.length} + 2px)`,
                    width: `calc((100% - ${TIME_COL}px) * ${1 / p.lanes / dates.length} - 4px)`,
                    padding: '2px 6px',
                    overflow: 'hidden',
                    borderRadius: 'var(--mantine-radius-sm)',
                    borderLeft: `3px solid var(--mantine-color-${color}-filled)`,
                    background: `var(--mantine-color-${color}-light)`,
                    opacity: p.item.status === 'cancelled' ? 0.6 : 1,
                    textDecoration: p.item.status === 'cancelled' ? 'line-through' : undefined,
                    cursor: movable ? 'grab' : 'pointer',
                    touchAction: 'none',
                    zIndex: drag?.id === p.item.id ? 3 : 2,
                  }}
                >
                  {/* What shows is the start of the button's name (axe: label-content-name-mismatch). */}
                  <Text size="xs" fw={600} truncate>
                    {timeRange(p.item)} {fullName(p.item.client)}
                  </Text>{' '}
                  <Text size="xs" truncate>
                    with {p.item.staff.name}
                    {p.item.service ? `, ${p.item.service.name}` : ''}
                  </Text>
                  {movable && (
                    <span
                      aria-hidden
                      data-resize
                      onPointerDown={(e) => startDrag(e, p, 'resize')}
                      style={{ position: 'absolute', left: 0, right: 0, bottom: 0, height: 6, cursor: 'ns-resize' }}
                    />
                  )}
                </UnstyledButton>
              );
            })}
        </div>
      </div>
    </Box>
  );
}

/** Where a block being dragged would land: moved by whole quarter hours and days, kept within the day; resized by quarter hours, at least one. */
function shapeOf(p: Placed, drag: Drag, columns: number): { column: number; top: number; bottom: number } {
  const length = p.bottom - p.top;
  if (drag.mode === 'resize') return { column: p.column, top: p.top, bottom: Math.min(24 * 60, Math.max(p.top + SNAP_MINUTES, p.bottom + drag.dMinutes)) };
  const top = Math.min(24 * 60 - length, Math.max(0, p.top + drag.dMinutes));
  return { column: Math.min(columns - 1, Math.max(0, p.column + drag.dColumns)), top, bottom: top + length };
}
