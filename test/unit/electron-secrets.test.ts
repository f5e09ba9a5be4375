/**
 * The desktop app's password store over Electron's safeStorage (mocked: the tests run in
 * Node): the password is written encrypted, owner-only, and read back; without a real key
 * (Linux with no keyring) the owner-only file takes over and says so.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ENCRYPTED_FILE, safeStorageStore } from '../../src-main/mail/electron-secrets';
import { OWNER_ONLY_FILE } from '../../src-main/mail/secret-store';
import { tempDir } from '../helpers/app';

vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: vi.fn(() => true),
    getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
    encryptString: vi.fn((s: string) => Buffer.from(`enc:${Buffer.from(s).toString('base64')}`)),
    decryptString: vi.fn((b: Buffer) => Buffer.from(b.toString().slice(4), 'base64').toString()),
  },
}));

// The module as src-main/index.ts gets it, mocked (the glue only takes it as an argument).
const { safeStorage } = await import('electron');

beforeEach(() => {
  vi.mocked(safeStorage.isEncryptionAvailable).mockReturnValue(true);
  vi.mocked(safeStorage.getSelectedStorageBackend).mockReturnValue('gnome_libsecret');
});

describe('the desktop app’s SMTP password store', () => {
  it('keeps the password encrypted by the system keychain, in an owner-only file', () => {
    const dir = tempDir();
    const store = safeStorageStore(safeStorage, dir);
    expect(store.storage).toBe('os-keychain');
    store.set('pässword');
    const file = join(dir, ENCRYPTED_FILE);
    expect(readFileSync(file).toString()).not.toContain('pässword');
    expect(safeStorage.encryptString).toHaveBeenCalledWith('pässword');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(store.get()).toBe('pässword');
    store.set(null);
    expect(existsSync(file)).toBe(false);
    expect(store.get()).toBeNull();
  });

  it('falls back to the owner-only file where safeStorage has no real key, and says so', () => {
    const dir = tempDir();
    vi.mocked(safeStorage.isEncryptionAvailable).mockReturnValue(false);
    const store = safeStorageStore(safeStorage, dir);
    expect(store.storage).toBe('owner-only-file');
    store.set('secret');
    expect(readFileSync(join(dir, OWNER_ONLY_FILE), 'utf8')).toBe('secret');
    expect(store.describe).toContain('only the account running Clientele may read');
    if (process.platform === 'linux') {
      vi.mocked(safeStorage.isEncryptionAvailable).mockReturnValue(true);
      vi.mocked(safeStorage.getSelectedStorageBackend).mockReturnValue('basic_text');
      expect(safeStorageStore(safeStorage, dir).storage).toBe('owner-only-file');
    }
  });
});
