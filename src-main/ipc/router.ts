/**
 * The transport-agnostic router: every message from a renderer, whichever bridge carried it
 * (Electron IPC or the browser host's WebSocket), goes through `Connection.call`:
 * parse the payload with the contract -> take the actor from this connection's session ->
 * authorise -> run the handler -> return a Result. Nothing is thrown across the boundary.
 */
import { contract, fieldIssues, type AppError, type Channel, type EventName, type Events, type Result } from '../../src-preload/contract';
import { AppFailure, toAppError } from '../services/errors';
import type { Services } from '../services';
import { decide, type Actor } from '../domain/permissions';
import { createLogger } from '../logger';
import { handlers, type HandlerContext } from './handlers';

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

const isChannel = (name: unknown): name is Channel =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);

export function createRouter(services: Services): Router {
  return {
    connect(send) {
      const session = services.sessions.open(send);
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
          const handler = handlers[channel];
          try {
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
            const ctx: HandlerContext = { services, session, actor };
            // Each handler's input type is tied to its channel by the Handlers map type.
            const run = handler.run as (c: HandlerContext, i: unknown) => Promise<unknown>;
            const value = await run(ctx, parsed.data);
            return { ok: true, value: value ?? null };
          } catch (err) {
            if (!(err instanceof AppFailure)) log.error(`channel ${channel} failed`, err);
            return failure(toAppError(err));
          }
        },
        close() {
          services.sessions.close(session);
        },
      };
    },
  };
}

function failure(error: AppError): Result<never> {
  return { ok: false, error };
}
