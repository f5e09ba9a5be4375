/**
 * Phone normalisation for bulk work. libphonenumber-js parses ~90k phones/s on one core, so
 * a million-row import sends each batch's phones to a helper thread and writes the previous
 * batch meanwhile. Without a built worker bundle (unit tests) the same function runs inline.
 */
import { Worker } from 'node:worker_threads';
import { normalisePhone } from '../domain/phone';

export interface PhoneNormaliser {
  /** E.164 per phone, null where there is no phone or it cannot be normalised. */
  normalise(phones: (string | null)[]): Promise<(string | null)[]>;
  close(): Promise<void>;
}

export function normaliseAll(phones: (string | null)[], defaultCountry: string): (string | null)[] {
  return phones.map((p) => (p ? normalisePhone(p, defaultCountry).e164 : null));
}

export const PHONE_WORKER_ROLE = 'phones';

export function createPhoneNormaliser(workerFile: string | null, defaultCountry: string): PhoneNormaliser {
  if (!workerFile) {
    return { normalise: async (phones) => normaliseAll(phones, defaultCountry), close: async () => undefined };
  }
  const worker = new Worker(workerFile, { workerData: { role: PHONE_WORKER_ROLE, defaultCountry } });
  const waiting = new Map<number, { resolve: (v: (string | null)[]) => void; reject: (e: Error) => void }>();
  let next = 1;
  let failure: Error | null = null;
  worker.on('message', (m: { id: number; e164: (string | null)[] }) => {
    waiting.get(m.id)?.resolve(m.e164);
    waiting.delete(m.id);
  });
  const fail = (err: Error) => {
    failure = err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (code !== 0) fail(new Error(`The phone normaliser stopped (exit code ${code}).`));
  });
  return {
    normalise(phones) {
      if (failure) return Promise.reject(failure);
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, phones });
      });
    },
    async close() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
