/**
 * Everything the main process is, minus Electron: the book, the services and the router.
 * The desktop app, the browser host and the command line all start it the same way.
 *
 * The app owns the database connection and can swap it: a restore closes the services,
 * puts the backup in place and opens them again, while the router answers UNAVAILABLE.
 * A book that fails its checks at start is never opened: the app runs in recovery mode.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupInfo, RecoveryInfo } from '../src-preload/contract';
import { BackupFolderError } from './backup/folder-errors';
import { clearStagedRestores, discard, stageRestore, swapIn } from './backup/restore';
import { createBackupStore, type BackupStore } from './backup/store';
import { claimDataFolder, type DataFolderLock, type Owner } from './data-folder-lock';
import { StorageProblem, storageKind } from './storage-errors';
import { keepNewFilesPrivate, narrowDataFolder } from './private-files';
import { insertAudit } from './db/queries/audit.queries';
import { countStaff, findStaffById, findStaffByUsername } from './db/queries/staff.queries';
import type { Actor } from './domain/permissions';
import { createRouter, type Gate, type Router } from './ipc/router';
import { createRecoveryDesk } from './recovery-desk';
import { createLogger } from './logger';
import { copyAside, damagedUsage, openBook, type Opened } from './open-book';
import { defaultWorkerFile, startJob, type RunningJob } from './jobs/runner';
import type { IntegrityResult } from './jobs/types';
import type { Services } from './services';
import { AppFailure } from './services/errors';
import { createPasswords, type ScryptCost } from './services/password';
import type { EndReason } from './services/sessions';
import { APP_VERSION } from './version';
import { ownerOnlyFileStore, type SecretStoreFactory } from './mail/secret-store';

const log = createLogger('app');

export interface AppOptions {
  dataDir: string;
  /** A better-sqlite3 build for the running runtime, when it is not the one in node_modules. */
  nativeBinding?: string;
  now?: () => Date;
  /** The hourly check that takes the daily backup while the app runs; the command line turns it off. */
  dailyBackups?: boolean;
  /** The shop's time zone for life-event dates; the machine's own by default. */
  timeZone?: string;
  /** The daily life-event run while the app runs; the command line turns it off. */
  lifeEvents?: boolean;
  /** The jobs worker bundle (tests that exercise the real worker pass a freshly built one). */
  workerFile?: string | null;
  /** Who this process is, for the message another process gets while this one owns the folder. */
  owner?: Owner;
  /** The full integrity check in the background after the book opens (on unless false). */
  integrityCheck?: boolean;
  /** The scrypt cost of new password hashes: production (N=2^17, r=8, p=1) unless a test asks for a cheap one. */
  passwordCost?: ScryptCost;
  /** Where the SMTP password is kept (the desktop app passes the system keychain's); default: an owner-only file. */
  secrets?: SecretStoreFactory;
  /** Certificate authorities the mail sender trusts besides the system's. */
  mailCa?: string;
  /** Email sent in the background while the app runs; the command line and tests that send by hand turn it off. */
  sendMail?: boolean;
}

export interface RestoreOptions {
  /** Who restores: the logged-in Admin, or an Admin of the backup (recovery, command line). */
  by: { username: string; name: string };
  /** The logged-in actor whose pre-restore backup is audited; null when nobody could log in. */
  actor: Actor | null;
  /** Back up the current book first (not in recovery mode: the damaged file is already copied aside). */
  safetyCopy: boolean;
  /** True when called from inside a router call, which the restore must not wait for. */
  inCall: boolean;
}

export interface App {
  router: Router;
  /** The open book's services; throws when the book is not open (recovery mode). */
  readonly services: Services;
  readonly mode: Gate['mode'];
  readonly recovery: RecoveryInfo | null;
  databaseFile: string;
  dataDir: string;
  backups: BackupStore;
  restore(file: string, options: RestoreOptions): Promise<void>;
  /** Takes the daily backup if one is due and the shop is set up; the timer calls it hourly. */
  takeDailyBackup(): Promise<BackupInfo | null>;
  /** Settles when the background integrity check of the open book has finished (and acted on what it found). */
  integrityChecked(): Promise<void>;
  /** Renames this owner of the data folder (a browser host adds its address once it listens). */
  describeOwner(what: string): void;
  close(): Promise<void>;
}

export const DATABASE_FILE = 'clientele.db';
const DAILY_CHECK_MS = 3_600_000;
const FIRST_CHECK_MS = 60_000;

type State = Opened | { mode: 'busy'; message: string };

/**
 * Opens the data folder for this process alone (data-folder-lock.ts), or throws
 * DataFolderInUse naming the process that has it. Everything below, from clearing
 * leftovers to opening the book, is the owner's.
 */
export async function createApp(options: AppOptions): Promise<App> {
  let lock: DataFolderLock;
  try {
    keepNewFilesPrivate();
    mkdirSync(options.dataDir, { recursive: true });
    lock = claimDataFolder(options.dataDir, options.owner ?? { kind: 'app', what: 'Clientele' }, { nativeBinding: options.nativeBinding });
  } catch (err) {
    // A read-only or full folder is said as such, not as a failed lock or a damaged book.
    const kind = storageKind(err);
    throw kind ? new StorageProblem(kind, options.dataDir) : err;
  }
  try {
    return await createOwnedApp(options, lock);
  } catch (err) {
    lock.release();
    throw err;
  }
}

async function createOwnedApp(options: AppOptions, lock: DataFolderLock): Promise<App> {
  narrowDataFolder(options.dataDir);
  const now = options.now ?? (() => new Date());
  const databaseFile = join(options.dataDir, DATABASE_FILE);
  const store = createBackupStore({ dataDir: options.dataDir, now, nativeBinding: options.nativeBinding });
  clearStagedRestores(databaseFile);
  store.clearPartials();

  let inFlight = 0;
  let state: State = { mode: 'busy', message: 'Clientele is starting.' };

  // The life-event run starts with each opened book (at start and after a restore) and stops with it.
  const startScheduler = async (opened: Opened): Promise<Opened> => {
    if (opened.mode !== 'open') return opened;
    // The mailer first: it fails messages a crash cut off mid-send before anything can send them.
    await opened.services.mailer.start(options.sendMail !== false);
    if (options.lifeEvents !== false) opened.services.scheduler.start();
    return opened;
  };

  const open = () =>
    openBook({
      liveFile: databaseFile,
      dataDir: options.dataDir,
      store,
      nativeBinding: options.nativeBinding,
      now,
      services: {
        version: APP_VERSION,
        now: options.now,
        timeZone: options.timeZone,
        databaseFile,
        stagingDir: join(options.dataDir, 'staging'),
        nativeBinding: options.nativeBinding,
        workerFile: options.workerFile,
        passwordCost: options.passwordCost,
        secrets: (options.secrets ?? ownerOnlyFileStore)(options.dataDir),
        mailCa: options.mailCa,
        backups: {
          store,
          restore: async (file, actor) => {
            const staff = (await findStaffById(services().db, actor.id))!;
            await restore(file, { by: { username: staff.username, name: staff.name }, actor, safetyCopy: true, inCall: true });
          },
        },
      },
    }).then(startScheduler);

  const services = (): Services => {
    if (state.mode !== 'open') throw new Error(`The book is not open (${state.mode === 'recovery' ? 'recovery mode' : state.message}).`);
    return state.services;
  };

  async function shut(opened: Extract<State, { mode: 'open' }>, reason: EndReason | null): Promise<void> {
    if (reason) opened.services.sessions.endAll(reason);
    opened.services.sessions.stop();
    await opened.services.scheduler.stop();
    await opened.services.mailer.stop();
    try {
      opened.connection.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    } catch (err) {
      log.warn(`checkpoint before closing failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    await opened.connection.close();
    opened.services.staging.removeAll();
  }

  async function drain(allowance: number): Promise<void> {
    const until = Date.now() + 15_000;
    while (inFlight > allowance && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  }

  let restoring = false;
  async function restore(file: string, how: RestoreOptions): Promise<void> {
    if (state.mode === 'busy') throw new AppFailure('UNAVAILABLE', state.message);
    // One restore at a time: a second one would stage and back up against a book about to go.
    if (restoring) throw new AppFailure('UNAVAILABLE', 'Another restore is under way. Try again in a moment.');
    restoring = true;
    try {
      await restoreNow(file, how);
    } finally {
      restoring = false;
    }
  }

  async function restoreNow(file: string, how: RestoreOptions): Promise<void> {
    const { path } = store.pathOf(file);
    // A bad backup is refused here, while the book is open and untouched.
    const staged = await stageRestore(path, databaseFile, { nativeBinding: options.nativeBinding });
    let safety: string | null = null;
    if (how.safetyCopy && state.mode === 'open') {
      try {
        safety = (await state.services.backups.take('pre-restore', how.actor)).file;
      } catch (err) {
        discard(staged);
        const reason = err instanceof Error ? err.message : String(err);
        throw new BackupFolderError(`Clientele could not back up the current book first, so it restored nothing. ${reason}`);
      }
    }
    const previous = state;
    state = { mode: 'busy', message: 'Clientele is restoring a backup. Try again in a moment.' };
    integrity?.job.terminate();
    let failure: Error | null = null;
    try {
      await drain(how.inCall ? 1 : 0);
      if (previous.mode === 'open') await shut(previous, 'restored');
      swapIn(staged, databaseFile);
    } catch (err) {
      failure = err instanceof Error ? err : new Error(String(err));
      discard(staged);
    }
    state = await openOrRecover();
    checkInBackground(state);
    if (failure) throw failure;
    if (state.mode === 'open') {
      const db = state.services.db;
      const actor = await findStaffByUsername(db, how.by.username);
      await insertAudit(db, {
        actorId: actor?.id ?? null,
        action: 'backup.restore',
        entity: 'backup',
        entityId: null,
        after: { file, by: how.by, safetyCopy: safety },
        at: now().toISOString(),
      });
    }
    log.info(`restored ${file}`);
  }

  async function openOrRecover(): Promise<Opened> {
    try {
      return await open();
    } catch (err) {
      const problem = err instanceof Error ? err.message : String(err);
      log.error('the book could not be opened', err);
      return { mode: 'recovery', info: { problem, damagedCopy: null, damagedCopies: damagedUsage(options.dataDir), backupFolder: store.folder() } };
    }
  }

  const desk = createRecoveryDesk({
    store,
    now,
    nativeBinding: options.nativeBinding,
    passwords: createPasswords(options.passwordCost),
    recovery: () => (state.mode === 'recovery' ? state.info : null),
    restore: (file, by) => restore(file, { by, actor: null, safetyCopy: false, inCall: true }),
  });

  const router = createRouter({
    gate: () => (state.mode === 'open' ? { mode: 'open', services: state.services, desk } : state.mode === 'recovery' ? { mode: 'recovery', desk } : state),
    async track(run) {
      inFlight++;
      try {
        return await run();
      } finally {
        inFlight--;
      }
    },
  });

  state = await open();

  async function takeDailyBackup(): Promise<BackupInfo | null> {
    if (state.mode !== 'open' || !store.dailyDue()) return null;
    if ((await countStaff(state.services.db)) === 0) return null;
    return state.services.backups.take('daily');
  }

  /**
   * The full integrity check (jobs/integrity-job.ts) of each book the app opens, on a worker
   * thread. A book it finds damaged is closed at once and the app goes to recovery mode, as
   * if the check at start had failed: nothing more is written to it.
   */
  const workerFile = options.workerFile === undefined ? defaultWorkerFile() : options.workerFile;
  let integrity: { job: RunningJob<IntegrityResult>; done: Promise<void> } | null = null;
  function checkInBackground(opened: State): void {
    if (opened.mode !== 'open' || options.integrityCheck === false) return;
    const job = startJob({ kind: 'integrity', params: { databaseFile, nativeBinding: options.nativeBinding, workerFile } }, { workerFile });
    const done = job.result.then(
      async (result) => {
        if (!result.ok && state === opened) await foundDamaged(opened, result.problem);
      },
      (err: unknown) => {
        // Stopped (the app closed, a restore) or the disk's fault: not a finding about the book.
        if (state === opened) log.warn(`the background integrity check did not finish: ${err instanceof Error ? err.message : String(err)}`);
      },
    );
    integrity = { job, done };
  }

  async function foundDamaged(opened: Extract<State, { mode: 'open' }>, problem: string): Promise<void> {
    log.error(`the background integrity check found damage: ${problem}`);
    state = { mode: 'busy', message: 'Clientele found damage in the book and is stopping. Try again in a moment.' };
    // Imports and undos write on their own connections: they roll back rather than go on writing to it.
    opened.services.jobs.cancelAll();
    await drain(0);
    await shut(opened, 'damaged');
    const damagedCopy = copyAside({ liveFile: databaseFile, dataDir: options.dataDir, now });
    state = { mode: 'recovery', info: { problem, damagedCopy, damagedCopies: damagedUsage(options.dataDir), backupFolder: store.folder() } };
  }

  checkInBackground(state);

  const timers: NodeJS.Timeout[] = [];
  if (options.dailyBackups !== false) {
    const tick = () => void takeDailyBackup().catch((err) => log.warn(`daily backup: ${err instanceof Error ? err.message : String(err)}`));
    const first = setTimeout(() => {
      tick();
      const hourly = setInterval(tick, DAILY_CHECK_MS);
      hourly.unref();
      timers.push(hourly);
    }, FIRST_CHECK_MS);
    first.unref();
    timers.push(first);
  }

  return {
    router,
    get services() {
      return services();
    },
    get mode() {
      return state.mode;
    },
    get recovery() {
      return state.mode === 'recovery' ? state.info : null;
    },
    databaseFile,
    dataDir: options.dataDir,
    backups: store,
    restore,
    takeDailyBackup,
    describeOwner: (what) => lock.describe(what),
    integrityChecked: () => integrity?.done ?? Promise.resolve(),
    async close() {
      for (const t of timers) clearTimeout(t);
      integrity?.job.terminate();
      const closing = state;
      state = { mode: 'busy', message: 'Clientele is closing.' };
      try {
        if (closing.mode === 'open') await shut(closing, null);
      } finally {
        lock.release();
      }
    },
  };
}
