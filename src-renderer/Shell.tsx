/** The logged-in frame: header with who is working and the session buttons, navigation, the page. */
import { useState } from 'react';
import { AppShell, Badge, Burger, Button, Group, Kbd, MantineThemeProvider, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '../src-preload/contract';
import { useReportActivity } from './activity';
import { ColorSchemeToggle } from './components/ColorSchemeToggle';
import { WorkingLocation } from './components/WorkingLocation';
import { pagesFor, type PageId } from './pages';
import { datePickerPattern, shopLocale, setFormatLocale } from './format';
import { useChannelMutation, useSettings } from './queries';
import { endOnPurpose } from './session';
import { AssignmentRules } from './screens/assignment/AssignmentRules';
import { AuditLog } from './screens/audit/AuditLog';
import { Clients } from './screens/clients/Clients';
import { ImportExport } from './screens/import-export/ImportExport';
import { ClientSpotlight, isMac } from './screens/clients/ClientSpotlight';
import { DuplicatesPage } from './screens/clients/DuplicatesPage';
import { TrashPage } from './screens/clients/TrashPage';
import { RelationshipsPage } from './screens/relationships/RelationshipsPage';
import { RolesPage } from './screens/roles/RolesPage';
import { Settings } from './screens/settings/Settings';
import { StaffPage } from './screens/staff/StaffPage';
import { TodayPage } from './screens/today/TodayPage';
import { CalendarPage } from './screens/calendar/CalendarPage';
import { ReportsPage } from './screens/reports/ReportsPage';
import { CampaignsPage } from './screens/campaigns/CampaignsPage';
import type { CampaignAudience } from '../src-preload/contract';

export function Shell({ session, shopName, locked = false }: { session: SessionInfo; shopName: string; locked?: boolean }) {
  const client = useQueryClient();
  useReportActivity(!locked);
  const [palette, setPalette] = useState(false);
  const [navOpen, nav] = useDisclosure(false);
  const [page, setPage] = useState<PageId>('clients');
  const [openClient, setOpenClient] = useState<number | null>(null);
  // The client list a person chose to email ("Email this list"), handed to the campaign composer.
  const [listAudience, setListAudience] = useState<CampaignAudience | null>(null);
  const lock = useChannelMutation('session-lock');
  const logout = useChannelMutation('session-logout');
  const settings = useSettings(true);
  // Every screen below formats dates and numbers the shop's way: set before they render.
  if (settings.data) setFormatLocale(shopLocale(settings.data));
  const pages = pagesFor(session.permissions);
  const current = pages.some((p) => p.id === page) ? page : (pages[0]?.id ?? 'settings');

  // Failures are reported by the query client; the catch only stops an unhandled rejection.
  const onLock = () =>
    endOnPurpose(client, () => lock.mutateAsync({}), {
      message: 'Locked. Enter your password to continue.',
      username: session.staff.username,
      keepScreen: true,
    }).catch(() => undefined);
  const onLogout = () => endOnPurpose(client, () => logout.mutateAsync({}), null).catch(() => undefined);

  // The date pickers show their dates the shop's way too (typed dates stay YYYY-MM-DD).
  const pickers = { components: { DatePickerInput: { defaultProps: { valueFormat: datePickerPattern() } } } };

  return (
    <MantineThemeProvider theme={pickers} inherit>
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpen} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Title order={1} size="h4" lineClamp={1}>
              {shopName}
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Group gap={6} wrap="nowrap" visibleFrom="xs">
              <Text size="sm" fw={500}>
                {session.staff.name}
              </Text>
              <Badge variant="light">{session.staff.roleName}</Badge>
            </Group>
            <Button
              variant="default"
              size="xs"
              onClick={() => setPalette(true)}
              aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'}
              rightSection={<Kbd size="xs">{isMac ? '⌘K' : 'Ctrl+K'}</Kbd>}
            >
              Find…
            </Button>
            <WorkingLocation session={session} />
            <Button variant="default" size="xs" onClick={onLock} loading={lock.isPending}>
              Lock
            </Button>
            <Button variant="default" size="xs" onClick={onLogout} loading={logout.isPending}>
              Log out
            </Button>
            <ColorSchemeToggle />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" component="nav" aria-label="Main">
        {pages.map((p) => (
          <NavLink
            key={p.id}
            component="button"
            label={p.label}
            active={p.id === current}
            aria-current={p.id === current ? 'page' : undefined}
            onClick={() => {
              setPage(p.id);
              setListAudience(null);
              if (p.id === 'clients') setOpenClient(null);
              nav.close();
            }}
          />
        ))}
      </AppShell.Navbar>

      <ClientSpotlight
        opened={palette}
        onOpenChange={setPalette}
        shortcut={!locked}
        pages={pages}
        onPage={(id) => {
          setPage(id);
          setListAudience(null);
          if (id === 'clients') setOpenClient(null);
        }}
        onOpen={(id) => {
          setOpenClient(id);
          setPage('clients');
        }}
      />
      <AppShell.Main>
        <PageContent
          page={current}
          session={session}
          openClient={openClient}
          onOpenClient={(id) => {
            setOpenClient(id);
            if (id !== null) setPage('clients');
          }}
          listAudience={listAudience}
          onEmailList={(audience) => {
            setListAudience(audience);
            setPage('campaigns');
          }}
        />
      </AppShell.Main>
    </AppShell>
    </MantineThemeProvider>
  );
}

interface PageProps {
  page: PageId;
  session: SessionInfo;
  openClient: number | null;
  onOpenClient: (id: number | null) => void;
  listAudience: CampaignAudience | null;
  onEmailList: (audience: CampaignAudience) => void;
}

function PageContent({ page, session, openClient, onOpenClient, listAudience, onEmailList }: PageProps) {
  switch (page) {
    case 'clients':
      return <Clients openId={openClient} onOpen={onOpenClient} onEmailList={session.permissions.includes('email.send') ? onEmailList : undefined} />;
    case 'campaigns':
      return <CampaignsPage key={JSON.stringify(listAudience)} listAudience={listAudience} />;
    case 'duplicates':
      return <DuplicatesPage onOpen={onOpenClient} />;
    case 'trash':
      return <TrashPage canPurge={session.permissions.includes('client.purge')} />;
    case 'today':
      return <TodayPage onOpenClient={(id) => onOpenClient(id)} />;
    case 'calendar':
      return <CalendarPage onOpenClient={(id) => onOpenClient(id)} />;
    case 'reports':
      return <ReportsPage />;
    case 'import-export':
      return <ImportExport permissions={session.permissions} />;
    case 'relationships':
      return <RelationshipsPage />;
    case 'assignment-rules':
      return <AssignmentRules />;
    case 'staff':
      return <StaffPage me={session.staff.id} />;
    case 'roles':
      return <RolesPage myRoleName={session.staff.roleName} />;
    case 'audit':
      return <AuditLog canListStaff={session.permissions.includes('staff.manage')} />;
    case 'settings':
      return (
        <Settings
          canChangeShop={session.permissions.includes('settings.change')}
          canManageBackups={session.permissions.includes('backup.manage')}
          canErase={session.permissions.includes('client.purge')}
          canManageServices={session.permissions.includes('appointment.services')}
          canSetHours={session.permissions.includes('appointment.hours')}
        />
      );
  }
}
