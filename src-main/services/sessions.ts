/**
 * Login sessions, one per connected renderer. The acting staff member always comes from
 * here, never from a payload. A session locks itself after the shop's idle time: from
 * then on every channel but login answers UNAUTHENTICATED.
 */
import type { EventName, Events } from '../../src-preload/contract';
import type { EventSink } from '../ipc/router';
import type { Actor } from '../domain/permissions';
import { unauthenticated } from './errors';

export interface Session {
  readonly id: number;
  /** Pushes an event to this session's renderer (job progress). */
  readonly send: EventSink;
  /** The logged-in staff member, or null (never logged in, logged out, or idle-locked). */
  actor(): Actor | null;
  /** The logged-in staff member, re-read from the database so role changes and deactivation apply at once. */
  requireActor(): Promise<Actor>;
  begin(actor: Actor): void;
  /** Ends the session; the renderer is told unless it asked for the end itself. */
  end(reason: EndReason, notify?: boolean): void;
}

export type EndReason = Events['session-ended']['reason'];

export interface SessionStore {
  open(send: EventSink): Session;
  close(session: Session): void;
  /** Ends every session of this staff member (deactivated, password reset). */
  endFor(staffId: number, reason: 'deactivated' | 'logout'): void;
  /** Ends every session (the book is being swapped for a restored backup). */
  endAll(reason: EndReason): void;
  /** Sends an event to every logged-in session whose actor passes the filter (e.g. Admins). */
  broadcast<E extends EventName>(event: E, payload: Events[E], to: (actor: Actor) => boolean): void;
  /** Locks idle sessions now; also runs on a timer so the renderer is told without asking. */
  sweep(): void;
  stop(): void;
}

export interface SessionDeps {
  now: () => number;
  idleLockMinutes: () => number;
  loadActor: (staffId: number) => Promise<Actor | null>;
}

export function createSessionStore(deps: SessionDeps): SessionStore {
  let nextId = 1;
  const live = new Map<number, { session: Session; idle: () => boolean; end: Session['end']; send: EventSink }>();

  const store: SessionStore = {
    open(send) {
      let current: Actor | null = null;
      let lastActive = deps.now();
      const id = nextId++;
      const idle = () => {
        const minutes = deps.idleLockMinutes();
        return current !== null && minutes > 0 && deps.now() - lastActive > minutes * 60_000;
      };
      const end: Session['end'] = (reason, notify = true) => {
        if (!current) return;
        current = null;
        if (notify) send('session-ended', { reason });
      };
      const session: Session = {
        id,
        send,
        actor() {
          if (idle()) end('idle');
          return current;
        },
        async requireActor() {
          if (idle()) end('idle');
          if (!current) throw unauthenticated();
          const fresh = await deps.loadActor(current.id);
          if (!fresh) {
            end('deactivated');
            throw unauthenticated('Your account is no longer active.');
          }
          current = fresh;
          lastActive = deps.now();
          return fresh;
        },
        begin(actor) {
          current = actor;
          lastActive = deps.now();
        },
        end,
      };
      live.set(id, { session, idle, end, send });
      return session;
    },
    close(session) {
      live.delete(session.id);
    },
    endFor(staffId, reason) {
      for (const { session, end } of live.values()) {
        if (session.actor()?.id === staffId) end(reason);
      }
    },
    endAll(reason) {
      for (const { end } of live.values()) end(reason);
    },
    broadcast(event, payload, to) {
      for (const { session, send } of live.values()) {
        const actor = session.actor();
        if (actor && to(actor)) send(event, payload);
      }
    },
    sweep() {
      for (const { idle, end } of live.values()) if (idle()) end('idle');
    },
    stop() {
      clearInterval(timer);
    },
  };
  const timer = setInterval(() => store.sweep(), 15_000);
  timer.unref();
  return store;
}
