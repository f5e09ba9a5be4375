/**
 * Password hashing with node:crypto scrypt, at OWASP's recommended cost (N=2^17, r=8, p=1)
 * unless the app is started with another. Stored as `scrypt$N$r$p$salt$hash`, so a hash is
 * checked by the cost it was made with: the cost can be raised later without breaking
 * existing hashes.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

export const PRODUCTION_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 64;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  // Node's default maxmem (32 MiB) is below what N=2^17, r=8 needs (128 MiB).
  const options: ScryptOptions = { ...cost, maxmem: 256 * 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** Checks a password against a stored hash, at the cost stored with it. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export interface Passwords {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
  /** Spends the same time as a real check, so an unknown username answers no faster. */
  verifyDecoy(password: string): Promise<false>;
}

const decoys = new Map<string, Promise<string>>();

/** Hashing at one cost: the app's (production by default; tests start the app with a cheap one). */
export function createPasswords(cost: ScryptCost = PRODUCTION_COST): Passwords {
  async function hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await derive(password, salt, cost);
    return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
  }
  const decoyKey = `${cost.N}$${cost.r}$${cost.p}`;
  return {
    hash,
    verify: verifyPassword,
    async verifyDecoy(password) {
      let decoy = decoys.get(decoyKey);
      if (!decoy) decoys.set(decoyKey, (decoy = hash('decoy password for unknown usernames')));
      await verifyPassword(password, await decoy);
      return false;
    },
  };
}
