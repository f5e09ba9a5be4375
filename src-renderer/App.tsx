/**
 * What a person sees first: the first-run screen until the shop exists, then the login
 * screen until someone is logged in, then the shell. Sessions that end on the main
 * process's side (idle lock, deactivation) bring the login screen back with a notice.
 */
import { useEffect, useState } from 'react';
import { notifications } from '@mantine/notifications';
import { Alert, Button, Center, Loader, MantineThemeProvider, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { Events, SessionInfo } from '../src-preload/contract';
import { errorMessage, onEvent } from './api';
import { useAppInfo, useSession } from './queries';
import { currentSession, endSession, isEndingOnPurpose, useLoginNotice } from './session';
import { FirstRun } from './screens/FirstRun';
import { Login } from './screens/Login';
import { Recovery } from './screens/Recovery';
import { keys } from './keys';
import { Shell } from './Shell';

function endedMessage(reason: Events['session-ended']['reason'], idleMinutes: number): string {
  switch (reason) {
    case 'idle':
      return `Locked after ${idleMinutes} ${idleMinutes === 1 ? 'minute' : 'minutes'} idle. Log in to continue.`;
    case 'deactivated':
      return 'Your account was deactivated. Ask an admin if you need access.';
    case 'logout':
      return 'You were logged out.';
    case 'disconnected':
      return 'The connection to Clientele was lost. Log in again to continue.';
    case 'restored':
      return 'The book was restored from a backup. Log in again to continue.';
    case 'damaged':
      return 'Clientele found damage in the book and stopped using it. Restore a backup to carry on.';
  }
}

export function App() {
  const client = useQueryClient();
  const appInfo = useAppInfo();
  const session = useSession(appInfo.data?.setupNeeded === false && !appInfo.data.recovery);
  const [restoreInstead, setRestoreInstead] = useState(false);
  const kept = useKeptScreen(session.data);

  useEffect(
    () =>
      onEvent('session-ended', ({ reason }) => {
        // A damaged book puts the app in recovery mode: ask again, and the recovery screen shows.
        if (reason === 'damaged') void client.invalidateQueries();
        const ended = currentSession(client);
        if (!ended || isEndingOnPurpose()) return;
        endSession(client, {
          message: endedMessage(reason, ended.idleLockMinutes),
          username: reason === 'deactivated' ? undefined : ended.staff.username,
          keepScreen: reason === 'idle',
        });
      }),
    [client],
  );

  useEffect(
    () =>
      // An Admin changed this person's role or staff record, or the shop's visibility: reload
      // what they may do, and every answer fetched under the old permissions (hidden fields, scope).
      onEvent('session-changed', () => {
        void client.invalidateQueries();
      }),
    [client],
  );

  useEffect(
    () =>
      onEvent('backup-failed', ({ message }) => {
        notifications.show({ color: 'red', title: 'A backup failed', message, autoClose: false });
        void client.invalidateQueries({ queryKey: keys.backups });
      }),
    [client],
  );

  if (appInfo.isError) return <Unreachable error={appInfo.error} onRetry={() => appInfo.refetch()} />;
  if (appInfo.isPending) return <Splash />;
  if (appInfo.data.recovery) return <Recovery info={appInfo.data.recovery} />;
  if (appInfo.data.setupNeeded && restoreInstead) return <Recovery info={null} onBack={() => setRestoreInstead(false)} />;
  if (appInfo.data.setupNeeded) return <FirstRun onRestore={() => setRestoreInstead(true)} />;
  if (session.isError) return <Unreachable error={session.error} onRetry={() => session.refetch()} />;
  if (session.isPending) return <Splash />;
  const shell = session.data ?? kept;
  return (
    <>
      {shell && (
        // Locked: the same screen stays behind the login, hidden and unreachable, its portals (dialogs, menus) with it.
        <div hidden={!session.data} inert={!session.data}>
          <MantineThemeProvider theme={KEPT_PORTALS} inherit>
            <Shell key={shell.staff.id} session={shell} shopName={appInfo.data.shopName ?? 'Clientele'} locked={!session.data} />
          </MantineThemeProvider>
          <div id={PORTAL_ROOT} />
        </div>
      )}
      {!session.data && <Login info={appInfo.data} />}
    </>
  );
}

const PORTAL_ROOT = 'shell-portals';
const KEPT_PORTALS = { components: { Portal: { defaultProps: { target: `#${PORTAL_ROOT}` } } } };

/** The screen a lock keeps: the session that was locked, until someone else logs in or the person logs out. */
function useKeptScreen(current: SessionInfo | null | undefined): SessionInfo | null {
  const [notice] = useLoginNotice();
  const [kept, setKept] = useState<SessionInfo | null>(null);
  const [last, setLast] = useState<SessionInfo | null>(null);
  if (current && current !== last) {
    setLast(current);
    if (kept && kept.staff.id !== current.staff.id) setKept(null);
  }
  if (current === null && last) {
    setLast(null);
    setKept(notice?.keepScreen ? last : null);
  }
  return kept;
}

function Splash() {
  return (
    <Center h="100vh">
      <Loader aria-label="Loading" />
    </Center>
  );
}

function Unreachable({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <Center h="100vh" p="md">
      <Stack maw={420}>
        <Alert color="red" title="Clientele could not start">
          {errorMessage(error)}
        </Alert>
        <Button onClick={onRetry}>Try again</Button>
      </Stack>
    </Center>
  );
}
