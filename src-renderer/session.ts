/**
 * What the login screen should say and prefill after a session ends (lock, idle, logout,
 * deactivation, an UNAUTHENTICATED answer). Kept outside React so the query cache's error
 * handler, the event subscription and the header buttons can all end a session the same way.
 */
import { useSyncExternalStore } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '../src-preload/contract';
import { keys } from './keys';

export interface LoginNotice {
  message: string;
  /** Prefills the username, e.g. after the user locked their own screen. */
  username?: string;
  /**
   * A lock (by hand or idle): the screen behind it is kept, hidden, with whatever the person
   * had typed, and comes back as it was when the same person logs in again.
   */
  keepScreen?: boolean;
}

let notice: LoginNotice | null = null;
/** Set while this window locks or logs out itself, so the server's session-ended echo adds no notice of its own. */
let endingOnPurpose = false;
const listeners = new Set<() => void>();

function setNotice(next: LoginNotice | null): void {
  notice = next;
  listeners.forEach((l) => l());
}

export function useLoginNotice(): [LoginNotice | null, () => void] {
  const value = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => notice,
  );
  return [value, () => setNotice(null)];
}

export function currentSession(client: QueryClient): SessionInfo | null | undefined {
  return client.getQueryData<SessionInfo | null>(keys.session);
}

export function isEndingOnPurpose(): boolean {
  return endingOnPurpose;
}

/** Runs a lock or logout call, then returns to the login screen with the given notice. */
export async function endOnPurpose(client: QueryClient, run: () => Promise<unknown>, next: LoginNotice | null) {
  endingOnPurpose = true;
  try {
    await run();
    endSession(client, next);
  } finally {
    endingOnPurpose = false;
  }
}

/** Returns to the login screen. The user-scoped cache is cleared by the login screen itself. */
export function endSession(client: QueryClient, next: LoginNotice | null): void {
  setNotice(next);
  client.setQueryData(keys.session, null);
  void client.invalidateQueries({ queryKey: keys.appInfo });
}

/** Drops everything fetched as the previous user, so the next one never sees it. */
export function clearUserData(client: QueryClient): void {
  client.removeQueries({
    predicate: (q) => q.queryKey[0] !== keys.session[0] && q.queryKey[0] !== keys.appInfo[0],
  });
}

export function startSession(client: QueryClient, session: SessionInfo): void {
  setNotice(null);
  client.setQueryData(keys.session, session);
  // A kept screen asks again, as the person now logged in, for what the login screen cleared.
  void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== keys.session[0] });
}
