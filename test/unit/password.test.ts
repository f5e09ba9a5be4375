import { describe, expect, it } from 'vitest';
import { createPasswords, verifyPassword } from '../../src-main/services/password';
import { TEST_PASSWORD_COST } from '../helpers/app';

const passwords = createPasswords(TEST_PASSWORD_COST);

describe('password hashing', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await passwords.hash('correct horse battery');
    const b = await passwords.hash('correct horse battery');
    expect(a).not.toBe(b);
    expect(await passwords.verify('correct horse battery', a)).toBe(true);
    expect(await passwords.verify('correct horse batterY', a)).toBe(false);
    expect(await passwords.verifyDecoy('anything')).toBe(false);
  });

  it('treats composed and decomposed accents as the same password', async () => {
    const hash = await passwords.hash('caf\u00e9 au lait 1234');
    expect(await passwords.verify('cafe\u0301 au lait 1234', hash)).toBe(true);
  });

  it('stores the cost with the hash and checks a hash by its own cost, whatever the current one', async () => {
    const old = await createPasswords({ N: 2 ** 11, r: 8, p: 1 }).hash('an older password');
    expect(old).toMatch(/^scrypt\$2048\$8\$1\$/);
    expect(await passwords.verify('an older password', old)).toBe(true);
    expect(await verifyPassword('an older password', old)).toBe(true);
    expect(await passwords.verify('an older passworD', old)).toBe(false);
  });

  it('refuses a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
  });
});
