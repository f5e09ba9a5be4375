/**
 * The desktop app's password store: Electron's safeStorage encrypts the SMTP password with a
 * key the operating system keeps (Keychain, DPAPI, the desktop's secret service), in a file
 * beside the book. Where safeStorage has no real key (Linux without a keyring, where it would
 * use a fixed one), the owner-only file is no worse and says plainly what it is.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { ownerOnlyFileStore, writeOwnerOnly, type SecretStore } from './secret-store';

export const ENCRYPTED_FILE = 'smtp-password.enc';

export function safeStorageStore(safeStorage: SafeStorage, dataDir: string): SecretStore {
  const usable =
    safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text');
  if (!usable) return ownerOnlyFileStore(dataDir);
  const file = join(dataDir, ENCRYPTED_FILE);
  return {
    storage: 'os-keychain',
    describe: `The password is encrypted with this computer's keychain (${file}); only this account on this computer can read it.`,
    get: () => (existsSync(file) ? safeStorage.decryptString(readFileSync(file)) : null),
    set(secret) {
      if (secret === null) rmSync(file, { force: true });
      else writeOwnerOnly(file, safeStorage.encryptString(secret));
    },
  };
}
