import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { build } from 'vite';

const ROOT = resolve(__dirname, '../..');

/**
 * Bundles one entry as Node CommonJS (packages left external, as electron-vite does for the
 * main process) into out/test-build/<random>, inside the repo so node_modules resolves.
 * Returns the bundle's path and a cleanup.
 */
export async function bundle(entry: string, name: string): Promise<{ file: string; remove: () => void }> {
  const outDir = join(ROOT, 'out', 'test-build', randomBytes(6).toString('hex'));
  mkdirSync(outDir, { recursive: true });
  await build({
    root: ROOT,
    logLevel: 'warn',
    configFile: false,
    build: {
      ssr: resolve(ROOT, entry),
      outDir,
      emptyOutDir: false,
      target: 'node20',
      rolldownOptions: { output: { format: 'cjs', entryFileNames: `${name}.js` } },
    },
  });
  const file = join(outDir, `${name}.js`);
  if (!existsSync(file)) throw new Error(`${entry} did not build`);
  return { file, remove: () => rmSync(outDir, { recursive: true, force: true }) };
}
