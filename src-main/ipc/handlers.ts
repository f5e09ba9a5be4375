/**
 * One line per channel: who may call it and which service runs it. The router has already
 * parsed the payload and, for non-public channels, checked the action with the policy.
 */
import type { Channel, Output, ParsedInput } from '../../src-preload/contract';
import type { Action, Actor } from '../domain/permissions';
import type { Services } from '../services';
import type { Session } from '../services/sessions';
import { AppFailure } from '../services/errors';
import { countStaff } from '../db/queries/staff.queries';
import type { RecoveryDesk } from './recovery';

export interface HandlerContext {
  services: Services;
  session: Session;
  /** Null only on public channels when nobody is logged in. */
  actor: Actor | null;
  /** Restoring without a login: for a book with no staff yet (a new PC); recovery mode uses it too. */
  desk: RecoveryDesk;
}

interface Handler<C extends Channel, A extends 'public' | Action> {
  access: A;
  run(this: void, ctx: A extends 'public' ? HandlerContext : HandlerContext & { actor: Actor }, input: ParsedInput<C>): Promise<Output<C>>;
}

type Handlers = { [C in Channel]: Handler<C, 'public'> | Handler<C, Action> };

const guarded = <C extends Channel>(access: Action, run: Handler<C, Action>['run']): Handler<C, Action> => ({ access, run });
const open = <C extends Channel>(run: Handler<C, 'public'>['run']): Handler<C, 'public'> => ({ access: 'public', run });

export const handlers: Handlers = {
  'app-info': open(({ services }) => services.auth.appInfo()),
  'setup-create': open(({ services, session }, input) => services.auth.setup(session, input)),
  'session-login': open(({ services, session }, input) => services.auth.login(session, input)),
  'session-get': open(({ services, session }) => services.auth.current(session)),
  'session-logout': guarded('session.use', ({ services, session, actor }) => services.auth.logout(session, actor, 'session.logout')),
  'session-lock': guarded('session.use', ({ services, session, actor }) => services.auth.logout(session, actor, 'session.lock')),
  'session-activity': guarded('session.use', async () => null),
  'session-location-set': guarded('session.use', async ({ services, session, actor }, input) => {
    await services.workplace.choose(actor, input.locationId);
    return (await services.auth.current(session))!;
  }),
  'password-change': guarded('session.use', ({ services, actor }, input) => services.auth.changePassword(actor, input)),
  'settings-get': guarded('session.use', ({ services }) => services.settings.get()),
  'settings-update': guarded('settings.change', ({ services, actor }, input) => services.settings.update(actor, input)),
  'staff-list': guarded('staff.manage', ({ services }) => services.staff.list()),
  'staff-create': guarded('staff.manage', ({ services, actor }, input) => services.staff.create(actor, input)),
  'staff-update': guarded('staff.manage', ({ services, actor }, input) => services.staff.update(actor, input)),
  'staff-reset-password': guarded('staff.manage', ({ services, actor }, input) => services.staff.resetPassword(actor, input)),
  'staff-delete': guarded('staff.manage', ({ services, actor }, input) => services.staff.remove(actor, input.id)),
  'client-list': guarded('client.view', ({ services, actor }, input) => services.clientList.list(actor, input)),
  'client-count': guarded('client.view', ({ services, actor }, input) => services.clientList.count(actor, input)),
  'client-get': guarded('client.view', ({ services, actor }, input) => services.clients.get(actor, input.id)),
  'client-create': guarded('client.create', ({ services, actor }, input) => services.clients.create(actor, input)),
  'backup-list': guarded('backup.manage', async ({ services }) => services.backups.overview()),
  'backup-take': guarded('backup.manage', ({ services, actor }) => services.backups.take('manual', actor)),
  'backup-settings-update': guarded('backup.manage', ({ services, actor }, input) => services.backups.updateSettings(actor, input)),
  'backup-inspect': guarded('backup.manage', async ({ services }, input) => services.backups.inspect(input.file)),
  'backup-restore': guarded('backup.restore', ({ services, actor }, input) => services.backups.restore(actor, input.file)),
  // Served by the recovery desk while the book is damaged (ipc/recovery.ts) or still empty; refused otherwise.
  'recovery-list': open(({ services, desk }) => whileEmpty(services, () => desk.list())),
  'recovery-restore': open(({ services, desk }, input) => whileEmpty(services, () => desk.restore(input))),
  // Moving from another PC: the backup file comes up in chunks like any upload, held for no staff member (there is none yet).
  'recovery-upload': open(({ services, desk }, input) =>
    whileEmpty(services, async () => {
      const f = await services.staging.append(NO_STAFF, input);
      if (!f.complete) return { uploadId: f.id, complete: false, backup: null };
      try {
        return { uploadId: f.id, complete: true, backup: desk.receive(f.path, f.name) };
      } finally {
        await services.staging.discard(f);
      }
    }),
  ),
  'file-upload': guarded('import', async ({ services, actor }, input) => {
    const f = await services.staging.append(actor.id, input);
    return { fileId: f.id, name: f.name, bytes: f.bytes, complete: f.complete };
  }),
  'file-read': guarded('session.use', ({ services, actor }, input) => services.staging.read(actor.id, input.fileId, input.offset)),
  'import-inspect': guarded('import', ({ services, actor }, input) => services.imports.inspect(actor, input)),
  'import-preview': guarded('import', ({ services, actor }, input) => services.imports.preview(actor, input)),
  'import-run': guarded('import', ({ services, actor, session }, input) => services.imports.run(actor, input, session.send)),
  'import-history': guarded('import', ({ services, actor }) => services.imports.history(actor)),
  'import-undo': guarded('import', ({ services, actor, session }, input) => services.imports.undo(actor, input.importId, session.send)),
  'job-cancel': guarded('session.use', async ({ services, actor }, input) => {
    services.jobs.cancel(actor, input.jobId);
    return null;
  }),
  'export-columns': guarded('export', async ({ services, actor }) => services.exports.columns(actor)),
  'export-clients': guarded('export', ({ services, actor, session }, input) => services.exports.exportClients(actor, input, session.send)),
  'client-update': guarded('client.edit', ({ services, actor }, input) => services.clients.update(actor, input)),
  'client-interaction-add': guarded('client.edit', ({ services, actor }, input) => services.clientActivity.add(actor, input)),
  'client-interaction-update': guarded('client.edit', ({ services, actor }, input) => services.clientActivity.update(actor, input)),
  'client-interaction-delete': guarded('client.edit', ({ services, actor }, input) => services.clientActivity.remove(actor, input)),
  'client-activity': guarded('client.view', ({ services, actor }, input) => services.clientActivity.list(actor, input)),
  'client-delete': guarded('client.delete', ({ services, actor }, input) => services.clientTrash.remove(actor, input)),
  'client-trash': guarded('client.restore', ({ services, actor }, input) => services.clientTrash.trash(actor, input)),
  'client-restore': guarded('client.restore', ({ services, actor }, input) => services.clientTrash.restore(actor, input.id)),
  'client-purge': guarded('client.purge', ({ services, actor }, input) => services.clientTrash.purge(actor, input.id)),
  'client-duplicates': guarded('client.merge', ({ services, actor }, input) => services.clientMerge.duplicates(actor, input)),
  'client-lookalikes': guarded('client.create', ({ services, actor }, input) => services.clientMerge.lookalikes(actor, input)),
  'client-merge': guarded('client.merge', ({ services, actor }, input) => services.clientMerge.merge(actor, input)),
  'client-data-export': guarded('client.export-data', ({ services, actor }, input) => services.clientData.exportClient(actor, input.id)),
  'client-filter-options': guarded('client.view', ({ services, actor }) => services.clientList.filterOptions(actor)),
  'segment-list': guarded('client.view', ({ services, actor }) => services.segments.list(actor)),
  'segment-save': guarded('client.view', ({ services, actor }, input) => services.segments.save(actor, input)),
  'segment-delete': guarded('client.view', ({ services, actor }, input) => services.segments.remove(actor, input.id)),
  'client-bulk-tag': guarded('client.edit', ({ services, actor }, input) => services.clientBulk.tag(actor, input)),
  'client-bulk-delete': guarded('client.delete', ({ services, actor }, input) => services.clientBulk.remove(actor, input)),
  'prefs-get': guarded('session.use', ({ services, actor }) => services.prefs.get(actor)),
  'prefs-set': guarded('session.use', ({ services, actor }, input) => services.prefs.set(actor, input)),
  'audit-list': guarded('audit.read', ({ services, actor }, input) => services.audit.list(actor, input)),
  'audit-export': guarded('audit.read', ({ services, actor }, input) => services.audit.export(actor, input)),
  'location-list': guarded('session.use', ({ services }) => services.locations.list()),
  'location-create': guarded('settings.change', ({ services, actor }, input) => services.locations.create(actor, input.name)),
  'relationship-type-list': guarded('client.view', ({ services }) => services.relationships.listTypes()),
  'relationship-type-create': guarded('relationship-type.manage', ({ services, actor }, input) => services.relationships.createType(actor, input)),
  'relationship-type-update': guarded('relationship-type.manage', ({ services, actor }, input) => services.relationships.updateType(actor, input)),
  'relationship-type-delete': guarded('relationship-type.manage', ({ services, actor }, input) => services.relationships.deleteType(actor, input)),
  'relationship-list': guarded('client.view', ({ services, actor }, input) => services.relationships.list(actor, input.clientId)),
  'relationship-create': guarded('client.link', ({ services, actor }, input) => services.relationships.create(actor, input)),
  'relationship-delete': guarded('client.link', ({ services, actor }, input) => services.relationships.remove(actor, input.id)),
  'automation-list': guarded('automation.manage', ({ services }) => services.automations.list()),
  'automation-preview': guarded('automation.manage', ({ services, actor }, input) => services.automations.preview(actor, input)),
  'automation-create': guarded('automation.manage', ({ services, actor }, input) => services.automations.create(actor, input)),
  'automation-update': guarded('automation.manage', ({ services, actor }, input) => services.automations.update(actor, input)),
  'automation-delete': guarded('automation.manage', ({ services, actor }, input) => services.automations.remove(actor, input.id)),
  'automation-run': guarded('automation.manage', ({ services }) => services.scheduler.runDue()),
  'outbox-list': guarded('session.use', ({ services, actor }, input) => services.outbox.list(actor, input)),
  'outbox-update': guarded('session.use', ({ services, actor }, input) => services.outbox.update(actor, input)),
  'outbox-export': guarded('export', ({ services, actor }, input) => services.outbox.export(actor, input)),
  'client-assignment': guarded('client.view', ({ services, actor }, input) => services.assignment.get(actor, input.clientId)),
  'client-assign': guarded('client.view', ({ services, actor }, input) => services.assignment.assign(actor, input)),
  'assign-staff-list': guarded('client.assign-others', ({ services, actor }) => services.assignment.staff(actor)),
  'assign-bulk-preview': guarded('client.assign-others', ({ services, actor }, input) => services.assignment.preview(actor, input)),
  'assign-bulk-apply': guarded('client.assign-others', ({ services, actor }, input) => services.assignment.apply(actor, input)),
  'pos-id-list': guarded('import', ({ services, actor }) => services.sales.posIds(actor)),
  'pos-id-map': guarded('staff.manage', ({ services, actor }, input) => services.posIds.map(actor, input)),
  'sales-import': guarded('import', ({ services, actor, session }, input) => services.sales.importFile(actor, input, session.send)),
  'sales-import-problems': guarded('import', ({ services, actor }, input) => services.sales.problems(actor, input.importId)),
  'sales-onboarding-rerun': guarded('client.assign-others', ({ services, actor, session }, input) => services.sales.rerunOnboarding(actor, input, session.send)),
  'role-list': guarded('roles.manage', ({ services }) => services.roles.list()),
  'role-create': guarded('roles.manage', ({ services, actor }, input) => services.roles.create(actor, input)),
  'role-update': guarded('roles.manage', ({ services, actor }, input) => services.roles.update(actor, input)),
  'role-delete': guarded('roles.manage', ({ services, actor }, input) => services.roles.remove(actor, input.id)),
  'mail-settings-get': guarded('settings.change', ({ services }) => services.mailSettings.get()),
  'mail-settings-update': guarded('settings.change', ({ services, actor }, input) => services.mailSettings.update(actor, input)),
  'mail-test': guarded('settings.change', ({ services, actor }, input) => services.mailSettings.test(actor, input)),
  'message-list': guarded('client.view', ({ services, actor }, input) => services.mailer.listForClient(actor, input.clientId)),
  'message-retry': guarded('email.send', ({ services, actor }, input) => services.mailer.retry(actor, input)),
  'message-cancel': guarded('email.send', ({ services, actor }, input) => services.mailer.cancel(actor, input)),
  'campaign-preview': guarded('email.send', ({ services, actor }, input) => services.campaigns.preview(actor, input)),
  'campaign-test': guarded('email.send', ({ services, actor }, input) => services.campaigns.test(actor, input)),
  'campaign-start': guarded('email.send', ({ services, actor, session }, input) => services.campaigns.start(actor, input, session.send)),
  'campaign-list': guarded('email.send', ({ services, actor }) => services.campaigns.list(actor)),
  'campaign-get': guarded('email.send', ({ services, actor }, input) => services.campaigns.report(actor, input.id)),
  'campaign-cancel': guarded('email.send', ({ services, actor }, input) => services.campaigns.cancel(actor, input.id)),
  'client-unsubscribe': guarded('client.edit', ({ services, actor }, input) => services.campaigns.unsubscribe(actor, input)),
  'service-list': guarded('appointment.view', ({ services }, input) => services.bookingSetup.listServices(input)),
  'service-create': guarded('appointment.services', ({ services, actor }, input) => services.bookingSetup.createService(actor, input)),
  'service-update': guarded('appointment.services', ({ services, actor }, input) => services.bookingSetup.updateService(actor, input)),
  'location-hours-get': guarded('appointment.view', ({ services }, input) => services.bookingSetup.hours(input.locationId)),
  'location-hours-set': guarded('appointment.hours', ({ services, actor }, input) => services.bookingSetup.setHours(actor, input)),
  'appointment-staff-list': guarded('appointment.view', ({ services, actor }) => services.appointments.bookableStaff(actor)),
  'appointment-suggest-staff': guarded('appointment.book', ({ services, actor }, input) => services.appointments.suggestStaff(actor, input.clientId)),
  'appointment-check': guarded('appointment.book', ({ services, actor }, input) => services.appointments.check(actor, input)),
  'appointment-create': guarded('appointment.book', ({ services, actor }, input) => services.appointments.create(actor, input)),
  'appointment-update': guarded('appointment.book', ({ services, actor }, input) => services.appointments.update(actor, input)),
  'appointment-cancel': guarded('appointment.book', ({ services, actor }, input) => services.appointments.cancel(actor, input)),
  'appointment-restore': guarded('appointment.book', ({ services, actor }, input) => services.appointments.restore(actor, input)),
  'appointment-status': guarded('appointment.book', ({ services, actor }, input) => services.appointments.setStatus(actor, input)),
  'appointment-get': guarded('appointment.view', ({ services, actor }, input) => services.appointments.get(actor, input.id)),
  'appointment-range': guarded('appointment.view', ({ services, actor }, input) => services.appointments.range(actor, input)),
  'appointment-client-list': guarded('appointment.view', ({ services, actor }, input) => services.appointments.forClient(actor, input)),
  'report-run': guarded('report.view', ({ services, actor }, input) => services.reports.run(actor, input)),
  // The service also asks for 'export': a report file is an export.
  'report-export': guarded('report.view', ({ services, actor }, input) => services.reports.export(actor, input)),
  // The service also asks for 'export': a calendar file is an export.
  'appointment-ics': guarded('appointment.view', ({ services, actor }, input) => services.calendarFiles.export(actor, input)),
};

/** A book with staff has someone to log in and restore from Settings; only an empty one restores without a login. */
/** The staging owner of an upload made before the shop has any staff (no staff id is 0). */
const NO_STAFF = 0;

async function whileEmpty<T>(services: Services, run: () => Promise<T>): Promise<T> {
  if ((await countStaff(services.db)) > 0) {
    throw new AppFailure('CONFLICT', 'Clientele is not in recovery mode. Admins restore backups from Settings.');
  }
  return run();
}
