/**
 * The only main-process file that touches ipcMain: it carries the router over Electron IPC
 * for our one window. Every message's sender is checked before the router sees its payload
 * (Electron security checklist, "validate the sender of all IPC messages"): a subframe, a
 * page the window was somehow navigated to, or another WebContents must not reach a
 * logged-in session.
 */
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../../src-preload/channels';
import type { Result } from '../../src-preload/contract';
import { createLogger } from '../logger';
import { isAppUrl } from '../window';
import type { Router } from './router';

const log = createLogger('ipc');

const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'This message did not come from the Clientele window.' },
};
const INTERNAL: Result<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'Something went wrong in Clientele. Try again.' },
};

export function isTrustedSender(event: IpcMainInvokeEvent, contents: WebContents, appUrl: string): boolean {
  try {
    if (contents.isDestroyed() || event.sender.id !== contents.id) return false;
    const frame = event.senderFrame;
    // null once the frame navigated away or was destroyed: the message is stale.
    if (!frame || frame !== event.sender.mainFrame) return false;
    return isAppUrl(frame.url, appUrl);
  } catch {
    // Reading a disposed frame throws; a frame we cannot inspect is not trusted.
    return false;
  }
}

/**
 * Binds the router to `window` for as long as its WebContents lives. The connection (and
 * with it the login session) ends when the WebContents is destroyed or on unbind.
 */
export function bindIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  router: Router,
  window: BrowserWindow,
  appUrl: string,
): () => void {
  const contents = window.webContents;
  const connection = router.connect((event, payload) => {
    if (!contents.isDestroyed()) contents.send(IPC_EVENT, { event, payload });
  });

  ipcMain.handle(IPC_INVOKE, async (event: IpcMainInvokeEvent, channel: unknown, payload: unknown) => {
    if (!isTrustedSender(event, contents, appUrl)) {
      log.warn(`refused a message from an untrusted sender (webContents ${event.sender?.id})`);
      return FORBIDDEN;
    }
    try {
      return await connection.call(channel, payload);
    } catch (err) {
      // A rejection would reach the renderer as a bare Error and break the Result contract.
      log.error('router call failed', err);
      return INTERNAL;
    }
  });

  let bound = true;
  const unbind = () => {
    if (!bound) return;
    bound = false;
    ipcMain.removeHandler(IPC_INVOKE);
    connection.close();
  };
  contents.once('destroyed', unbind);
  return unbind;
}
