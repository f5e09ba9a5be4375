/**
 * What the main process pushes to the renderer, by event name and payload. The sandboxed
 * preload checks names against the plain list in channels.ts; index.ts checks at compile
 * time that the list and these names are the same set.
 */
export interface Events {
  /**
   * The session ended without the renderer asking: idle lock, the account was deactivated,
   * or the book was restored or found damaged (the app is in recovery mode: ask app-info).
   */
  'session-ended': { reason: 'idle' | 'deactivated' | 'logout' | 'disconnected' | 'restored' | 'damaged' };
  /**
   * What the logged-in person may do or see changed (an Admin edited their staff record or
   * their role, or opened or closed all clients to every role): the renderer reloads the session. The main process already applies the
   * change on the next call; this only keeps the screens from offering stale actions.
   */
  'session-changed': { reason: 'staff' | 'role' | 'settings' };
  /** A backup failed (folder missing, read-only, full): sent to logged-in Admins. */
  'backup-failed': { at: string; message: string };
  /** Progress of a long job (imports, exports, onboarding). */
  'job-progress': { jobId: string; phase: string; done: number; total: number | null; rows?: number };
}
export type EventName = keyof Events;
