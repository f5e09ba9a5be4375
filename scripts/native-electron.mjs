/**
 * Builds better-sqlite3 for Electron's ABI into native/electron/better_sqlite3.node.
 *
 * Why a separate copy: node_modules/better-sqlite3/build holds the Node build that the
 * tests, the CLI and the browser host load. Rebuilding it in place for Electron (what
 * electron-rebuild and electron-builder's install-app-deps do) would break all of those,
 * so we build a copy in a temp folder and keep only the .node file. The desktop app gets
 * its path through CLIENTELE_NATIVE_BINDING (scripts/start.mjs) or, packaged, from the
 * resources folder (electron-builder.yml's extraResources).
 *
 * Steps: copy node_modules/better-sqlite3 (without build/) to a temp folder; try the
 * prebuilt binary (prebuild-install, needs github.com); else compile it (node-gyp, needs
 * Electron's headers from electronjs.org and a C++ toolchain); stage the result and move
 * it into native/electron/ in one rename, so native/ never holds half a build.
 * native/electron/version.txt records what was built; when it matches, this does nothing.
 *
 * Usage: node scripts/native-electron.mjs   (exit 0 = ready, 1 = could not build; one
 * line on stderr says why)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const modules = join(root, 'node_modules');
const nativeDir = join(root, 'native');
const target = join(nativeDir, 'electron');
const BINARY = 'better_sqlite3.node';

const readVersion = (pkg) => JSON.parse(readFileSync(join(modules, pkg, 'package.json'), 'utf8')).version;

const electronVersion = readVersion('electron');
const stamp = `electron ${electronVersion} ${process.platform}-${process.arch} better-sqlite3 ${readVersion('better-sqlite3')}\n`;

// npm exports the user's npm config to scripts; a `nodedir` or `target` meant for Node
// would make node-gyp compile against Node's headers and produce the wrong ABI, and
// `npm run -s` would silence the error lines our one-line reason is taken from.
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch|build_from_source|loglevel)$/i.test(key),
  ),
);

class StepFailed extends Error {}

/** Runs a Node script; on failure throws with the most telling part of its output. */
function run(script, args, cwd, timeoutMinutes) {
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: timeoutMinutes * 60_000,
  });
  if (result.error) throw new StepFailed(result.error.message);
  if (result.status !== 0) throw new StepFailed(summarise(`${result.stdout}\n${result.stderr}`) ?? `exit code ${result.status}`);
}

/** node-gyp spreads one error over several "ERR! stack" lines followed by a trace. */
function summarise(output) {
  const lines = output.split('\n').map((l) => l.replace(/^(gyp|prebuild-install) (ERR!|warn|info) /, '').trim());
  const start = lines.findIndex((l) => /^stack \w*Error:/.test(l));
  if (start >= 0) {
    const message = [];
    for (const line of lines.slice(start)) {
      if (!line.startsWith('stack ') || line.startsWith('stack at ')) break;
      message.push(line.slice('stack '.length));
    }
    return message.join(' ').replace(/^\w*Error: /, '').slice(0, 200);
  }
  return lines.filter(Boolean).at(-1)?.replace(/^install /, '').slice(0, 200);
}

function build(workDir) {
  const source = join(workDir, 'better-sqlite3');
  cpSync(join(modules, 'better-sqlite3'), source, {
    recursive: true,
    filter: (path) => !path.startsWith(join(modules, 'better-sqlite3', 'build') + sep) && path !== join(modules, 'better-sqlite3', 'build'),
  });
  const built = join(source, 'build', 'Release', BINARY);
  const electronArgs = ['--runtime=electron', `--target=${electronVersion}`, `--arch=${process.arch}`];

  let downloadError;
  try {
    run(join(modules, 'prebuild-install', 'bin.js'), electronArgs, source, 3);
  } catch (err) {
    downloadError = err instanceof StepFailed ? err.message : String(err);
  }
  if (existsSync(built)) return built;

  const gyp = join(modules, 'node-gyp', 'bin', 'node-gyp.js');
  const gypArgs = [...electronArgs, '--dist-url=https://electronjs.org/headers'];
  try {
    // Fetching the headers first, with a short timeout, fails fast when offline instead of
    // sitting inside a long compile timeout.
    try {
      run(gyp, ['install', ...gypArgs], source, 3);
    } catch (err) {
      const why = /network/i.test(err.message) ? 'electronjs.org is unreachable' : err.message;
      throw new StepFailed(`could not download Electron's headers to compile it (${why})`);
    }
    run(gyp, ['rebuild', '--release', ...gypArgs], source, 20);
  } catch (err) {
    const reason = err instanceof StepFailed ? err.message : String(err);
    throw new StepFailed(`no prebuilt binary (${downloadError ?? 'none published'}); ${reason}`);
  }
  if (!existsSync(built)) throw new StepFailed(`the compile finished without producing ${BINARY}`);
  return built;
}

function main() {
  if (existsSync(join(target, BINARY)) && existsSync(join(target, 'version.txt'))) {
    if (readFileSync(join(target, 'version.txt'), 'utf8') === stamp) return 0;
  }
  console.log(`Building better-sqlite3 for Electron ${electronVersion} (${process.platform}-${process.arch})...`);
  const workDir = mkdtempSync(join(tmpdir(), 'clientele-native-'));
  const staging = join(nativeDir, `.staging-${process.pid}`);
  try {
    const built = build(workDir);
    mkdirSync(staging, { recursive: true });
    cpSync(built, join(staging, BINARY));
    writeFileSync(join(staging, 'version.txt'), stamp);
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
    console.log(`Built ${join('native', 'electron', BINARY)}.`);
    return 0;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    console.error(
      `Could not get better-sqlite3 built for Electron ${electronVersion}: ${reason}. ` +
        'The desktop app needs it; the browser host (npm run start:browser) does not.',
    );
    return 1;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
    rmSync(staging, { recursive: true, force: true });
  }
}

process.exitCode = main();
