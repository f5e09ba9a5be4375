#!/usr/bin/env node
// `npm run bench -- NAME [args]`: bundles bench/NAME.bench.ts with Vite (SSR build, packages
// left external) and runs it under Node. Each benchmark prints one JSON object per figure.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const available = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace('.bench.ts', ''));
const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- NAME   (NAME is one of: ${available.join(', ')})`);
  process.exit(2);
}
const outDir = join(root, 'out', 'bench');
const bundleAs = (entry, file) =>
  build({
    root,
    logLevel: 'warn',
    configFile: false,
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: false,
      target: 'node20',
      rolldownOptions: { output: { format: 'cjs', entryFileNames: file } },
    },
  });
await bundleAs(join(root, 'bench', `${name}.bench.ts`), `${name}.cjs`);
// The jobs worker beside the bundle, where the app finds its default worker: rebuilt every run,
// so a bench that leaves workerFile to the default never runs a worker left from older code.
await bundleAs(join(root, 'src-main', 'jobs', 'worker.ts'), 'jobs-worker.js');
const bundle = join(outDir, `${name}.cjs`);
if (!existsSync(bundle)) {
  console.error(`The benchmark ${name} did not build.`);
  process.exit(1);
}
const run = spawnSync(process.execPath, ['--expose-gc', bundle, ...args], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
