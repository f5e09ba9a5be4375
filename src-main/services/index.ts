import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Db, Executor } from '../db/connection';
import { createAppointmentsService } from './appointments.service';
import { createAssignmentService } from './assignment.service';
import { createBookingSetupService } from './booking-setup.service';
import { createSalesService } from './sales.service';
import { createPosIdsService } from './pos-ids.service';
import { createActorLoader } from './actor';
import { createAuditService } from './audit.service';
import { createAuthService } from './auth.service';
import { createBackupsService, type BackupsDeps } from './backups.service';
import { createClientActivityService } from './client-activity.service';
import { createClientBulkService } from './client-bulk.service';
import { createClientDataService } from './client-data.service';
import { createClientListService } from './client-list.service';
import { createClientMergeService } from './client-merge.service';
import { createClientTrashService } from './client-trash.service';
import { createClientsService } from './clients.service';
import { createSessionStore, type SessionStore } from './sessions';
import { createAutomationsService } from './automations.service';
import { createLocationsService } from './locations.service';
import { createOutboxService } from './outbox.service';
import { createRelationshipsService } from './relationships.service';
import { createReportsService } from './reports.service';
import { createCalendarFilesService } from './calendar-files.service';
import { createRemindersService } from './reminders.service';
import { createScheduler } from './scheduler.service';
import { createPrefsService } from './prefs.service';
import { createRolesService } from './roles.service';
import { createSegmentsService } from './segments.service';
import { createSettingsService } from './settings.service';
import { createStaffService } from './staff.service';
import { createWorkplaceService } from './workplace.service';
import { createExportsService } from './exports.service';
import { createImportsService } from './imports.service';
import { createJobs } from './jobs';
import { createStaging } from './staging';
import { defaultWorkerFile } from '../jobs/runner';
import { createPasswords, type ScryptCost } from './password';
import { createMailSettingsService } from './mail-settings.service';
import { createMailerService } from './mailer.service';
import { createCampaignsService } from './campaigns.service';
import { createLogger } from '../logger';
import { ownerOnlyFileStore, type SecretStore } from '../mail/secret-store';

export interface ServiceOptions {
  /** The raw connection under `db`, for the bulk paths that run prepared statements in a Kysely transaction. */
  sqlite: BetterSqlite3.Database;
  version: string;
  /** Injected so tests can move time (idle lock, lockout expiry, life events). */
  now?: () => Date;
  backups: BackupsDeps;
  /** The time zone a shop without one of its own (Settings) keeps its days in; the machine's by default. */
  timeZone?: string;
  /** The book's file, which import and export jobs open with their own connection. */
  databaseFile: string;
  /** Where uploads, error reports and exports wait (emptied at start). */
  stagingDir: string;
  nativeBinding?: string;
  /** The jobs worker bundle; default: next to the main bundle, or none (jobs run inline) when running sources. */
  workerFile?: string | null;
  /** The scrypt cost of new password hashes; production by default, cheap in tests. */
  passwordCost?: ScryptCost;
  /** Where the SMTP password is kept: the system keychain in the desktop app, else an owner-only file. */
  secrets?: SecretStore;
  /** Certificate authorities the mail sender trusts besides the system's (tests, a shop's own relay). */
  mailCa?: string;
}

const log = createLogger('services');

export async function createServices(db: Db, options: ServiceOptions) {
  const now = options.now ?? (() => new Date());
  const settings = createSettingsService(db, now, () => sessions, options.timeZone);
  const automations = createAutomationsService(db, now);
  const loadActor = createActorLoader(db, () => settings.scopeSettings());
  const workplace = createWorkplaceService(db, now, () => settings.timeZone());
  const clients = createClientsService(db, now, settings, workplace);
  await settings.load();
  const sessions: SessionStore = createSessionStore({
    now: () => now().getTime(),
    idleLockMinutes: () => settings.idleLockMinutes(),
    loadActor,
  });
  const staging = createStaging(options.stagingDir);
  const workerFile = options.workerFile === undefined ? defaultWorkerFile() : options.workerFile;
  const dataDir = dirname(options.databaseFile);
  const jobs = createJobs(workerFile, dataDir);
  const jobDatabase = { databaseFile: options.databaseFile, nativeBinding: options.nativeBinding, workerFile };
  const segments = createSegmentsService(db, now);
  const passwords = createPasswords(options.passwordCost);
  const mailSettings = createMailSettingsService(db, now, options.secrets ?? ownerOnlyFileStore(dataDir), {
    ca: options.mailCa,
    changed: () => void mailer.reconfigure().catch((err: unknown) => log.error('the mail sender could not take the new settings', err)),
  });
  const mailer = createMailerService({ db, now, config: () => mailSettings.config(), jobDatabase });
  const clientTrash = createClientTrashService(db, now, clients, staging);
  const clientBulk = createClientBulkService(db, now, settings);
  const reminders = createRemindersService(db, now, settings, () => mailer.poke());
  // A change that queued a reminder wakes the sender once its transaction has committed.
  const appointmentFollowers = {
    changed: async (trx: Executor, appointmentId: number) => {
      if (await reminders.sync(trx, appointmentId)) setImmediate(() => reminders.queued());
    },
  };
  return {
    db,
    /** The data folder, named in messages about its disk (full, read-only). */
    dataDir,
    sqlite: options.sqlite,
    now,
    staging,
    jobs,
    imports: createImportsService({ db, now, settings, staging, jobs, jobDatabase, workplace }),
    exports: createExportsService({ db, now, staging, jobs, jobDatabase, segments, searchIds: clientBulk.searchIds }),
    sessions,
    settings,
    audit: createAuditService(db, now),
    auth: createAuthService({ db, now, settings, loadActor, passwords, workplace, version: options.version }),
    workplace,
    staff: createStaffService(db, now, passwords, () => sessions),
    posIds: createPosIdsService(db, now),
    roles: createRolesService(db, now, () => sessions),
    locations: createLocationsService(db, now),
    relationships: createRelationshipsService(db, now, (trx, typeId, typeName) => automations.typeDeleted(trx, typeId, typeName)),
    automations,
    scheduler: createScheduler(db, now, () => settings.timeZone(), () => mailer.poke(), { eraseExpiredTrash: () => clientTrash.eraseExpired(), remindAppointments: () => reminders.runDue() }),
    outbox: createOutboxService(db, now, () => settings.timeZone()),
    assignment: createAssignmentService(db, now, settings),
    sales: createSalesService({ db, now, settings, staging, jobs, jobDatabase }),
    clients,
    clientTrash,
    clientMerge: createClientMergeService(db, now, clients, settings),
    clientBulk,
    clientData: createClientDataService(db, now, () => settings.timeZone()),
    segments,
    prefs: createPrefsService(db),
    clientList: createClientListService(db, now, settings),
    clientActivity: createClientActivityService(db, now, workplace),
    backups: createBackupsService(db, now, () => sessions, options.backups),
    loadActor,
    mailSettings,
    mailer,
    appointments: createAppointmentsService(db, now, settings, appointmentFollowers),
    reminders,
    bookingSetup: createBookingSetupService(db, now),
    reports: createReportsService(db, now, settings),
    calendarFiles: createCalendarFilesService(db, now, settings),
    campaigns: createCampaignsService({ db, now, settings, segments, mailSettings, mailer, jobs, jobDatabase }),
  };
}
export type Services = Awaited<ReturnType<typeof createServices>>;
