/**
 * The renderer's only door to the main process. In Electron the preload puts the API on
 * `window.clientele`; in the browser host there is no preload, so the same API is built
 * over the host's WebSocket from the launch key in the URL (traded for a session token at once).
 */
import type {
  Channel,
  ClienteleApi,
  ErrorCode,
  EventName,
  Events,
  FieldIssue,
  Input,
  Output,
} from '../src-preload/contract';
import { createWebApi } from '../src-preload/web';

export const api: ClienteleApi = window.clientele ?? createWebApi(window.location, window.history);

/** A failed call, carrying the contract's error so screens can react to its code and fields. */
export class ApiError extends Error {
  readonly code: ErrorCode | 'OFFLINE';
  readonly issues: FieldIssue[];
  /** The error's other details as the main process sent them (OVERRIDE_REQUIRED's warnings). */
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode | 'OFFLINE', message: string, issues: FieldIssue[] = [], details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = issues;
    this.details = details;
  }
}

/** Calls a channel and unwraps its Result: the value, or an ApiError thrown for react-query. */
export async function call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
  let result;
  try {
    result = await api.invoke(channel, input);
  } catch {
    // The bridge itself failed (the host went away, the socket closed): no Result came back.
    throw new ApiError('OFFLINE', 'Clientele is not reachable. Check that it is still running.');
  }
  if (result.ok) return result.value;
  const { code, message, details } = result.error;
  throw new ApiError(code, message, details?.issues ?? [], details ?? {});
}

export function onEvent<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
  return api.on(event, listener);
}

// The words for a failure live in errors.ts; screens import them from here too.
export { errorMessage, errorTitle } from './errors';
