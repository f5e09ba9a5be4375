/**
 * Where the SMTP password lives: never in the book (backups, exports and the audit log copy
 * the book), but in a file beside it in the data folder. The desktop app encrypts it with the
 * operating system's keychain (electron-secrets.ts); the browser host and the command line,
 * which have no keychain to ask, keep it in a file only the account running Clientele may
 * read (mode 0600). Settings shows which of the two holds it (`describe`).
 */
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type SecretStorage = 'os-keychain' | 'owner-only-file';

export interface SecretStore {
  readonly storage: SecretStorage;
  /** A sentence for Settings: where and how the password is kept. */
  readonly describe: string;
  get(): string | null;
  /** Stores the password, or removes it (null). */
  set(secret: string | null): void;
}

export type SecretStoreFactory = (dataDir: string) => SecretStore;

/** Writes a file only its owner may read, replacing the old one in one rename. */
export function writeOwnerOnly(file: string, data: string | Buffer): void {
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  writeFileSync(partial, data, { mode: 0o600, flag: 'wx' });
  // The mode given to open() is filtered by the umask, which only removes bits; chmod states it.
  chmodSync(partial, 0o600);
  renameSync(partial, file);
}

export const OWNER_ONLY_FILE = 'smtp-password';

/** The password in a file readable by its owner only: the browser host and the command line. */
export function ownerOnlyFileStore(dataDir: string): SecretStore {
  const file = join(dataDir, OWNER_ONLY_FILE);
  return {
    storage: 'owner-only-file',
    describe: `The password is kept in ${file}, a file only the account running Clientele may read (not encrypted: this program has no system keychain to ask).`,
    get: () => (existsSync(file) ? readFileSync(file, 'utf8') : null),
    set(secret) {
      if (secret === null) rmSync(file, { force: true });
      else writeOwnerOnly(file, secret);
    },
  };
}
