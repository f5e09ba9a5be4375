/**
 * The transport-agnostic router: every message from a renderer, whichever bridge carried it
 * (Electron IPC or the browser host's WebSocket), goes through `Connection.call`:
 * parse the payload with the contract -> take the actor from this connection's session ->
 * authorise -> run the handler -> return a Result. Nothing is thrown across the boundary.
 *
 * The router does not own the services: it asks the hub for them on every call, because the
 * app swaps them when a backup is restored. While that happens, or while the book is in
 * recovery mode, the hub says so and the router answers accordingly.
 */
import { contract, fieldIssues, type AppError, type Channel, type EventName, type Events, type Result } from '../../src-preload/contract';
import { AppFailure, toAppError } from '../services/errors';
import type { Services } from '../services';
import type { Session } from '../services/sessions';
import { decide, type Actor } from '../domain/permissions';
import { createLogger } from '../logger';
import { handlers, type HandlerContext } from './handlers';
import { serveRecovery, type RecoveryDesk } from './recovery';

const log = createLogger('router');

export type EventSink = <E extends EventName>(event: E, payload: Events[E]) => void;

/** One renderer's link to the main process; it owns that renderer's login session. */
export interface Connection {
  call(channel: unknown, payload: unknown): Promise<Result<unknown>>;
  close(): void;
}

export interface Router {
  connect(send: EventSink): Connection;
}

/** What the app is doing right now, as far as a call is concerned. */
export type Gate =
  | { mode: 'open'; services: Services; desk: RecoveryDesk }
  | { mode: 'recovery'; desk: RecoveryDesk }
  | { mode: 'busy'; message: string };

export interface Hub {
  gate(): Gate;
  /** Runs one call, counted, so a restore can wait for the calls under way to finish. */
  track<T>(run: () => Promise<T>): Promise<T>;
}

const isChannel = (name: unknown): name is Channel =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);

export function createRouter(hub: Hub): Router {
  return {
    connect(send) {
      // The session lives in the services' session store; new services (after a restore) mean a new session.
      let bound: { services: Services; session: Session } | null = null;
      const sessionIn = (services: Services): Session => {
        if (bound?.services !== services) {
          if (bound) bound.services.sessions.close(bound.session);
          bound = { services, session: services.sessions.open(send) };
        }
        return bound.session;
      };

      return {
        async call(channel, payload) {
          if (!isChannel(channel)) {
            return failure({ code: 'UNKNOWN_CHANNEL', message: `There is no channel named "${String(channel).slice(0, 60)}".` });
          }
          const parsed = contract[channel].input.safeParse(payload ?? {});
          if (!parsed.success) {
            const issues = fieldIssues(parsed.error);
            return failure({
              code: 'VALIDATION',
              message: issues.map((i) => `${i.field}: ${i.message}`).join('; '),
              details: { issues },
            });
          }
          return hub.track(async () => {
            const gate = hub.gate();
            try {
              if (gate.mode === 'busy') return failure({ code: 'UNAVAILABLE', message: gate.message, details: { retryable: true } });
              if (gate.mode === 'recovery') return { ok: true, value: (await serveRecovery(gate.desk, channel, parsed.data)) ?? null };
              const { services } = gate;
              const session = sessionIn(services);
              const handler = handlers[channel];
              let actor: Actor | null;
              if (handler.access === 'public') {
                actor = session.actor();
              } else {
                actor = await session.requireActor();
                const decision = decide(actor, handler.access);
                if (!decision.allowed) {
                  await services.audit.denied(actor, handler.access, channel);
                  return failure({ code: 'FORBIDDEN', message: decision.reason, details: { reason: decision.code } });
                }
              }
              const ctx: HandlerContext = { services, session, actor, desk: gate.desk };
              // Each handler's input type is tied to its channel by the Handlers map type.
              const run = handler.run as (c: HandlerContext, i: unknown) => Promise<unknown>;
              const value = await run(ctx, parsed.data);
              return { ok: true, value: value ?? null };
            } catch (err) {
              const open = gate.mode === 'open' ? { dataDir: gate.services.dataDir, writer: gate.services.jobs.writer() } : {};
              const error = toAppError(err, open);
              if (error.code === 'STORAGE' || error.code === 'UNAVAILABLE') log.warn(`channel ${channel}: ${error.code} (${(err as { code?: string }).code})`);
              else if (!(err instanceof AppFailure)) log.error(`channel ${channel} failed`, err);
              return failure(error);
            }
          });
        },
        close() {
          if (bound) bound.services.sessions.close(bound.session);
          bound = null;
        },
      };
    },
  };
}

function failure(error: AppError): Result<never> {
  return { ok: false, error };
}
