/**
 * `npm start`: the desktop app when this machine can run it, else the same app in the
 * browser through the browser host, so `npm start` always ends with Clientele running.
 *
 * Never require('electron') here: when its binary is missing that call tries to download
 * it. We read node_modules/electron/path.txt ourselves instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronPackage = join(root, 'node_modules', 'electron');
const nativeBinding = join(root, 'native', 'electron', 'better_sqlite3.node');

function electronBinary() {
  const pathFile = join(electronPackage, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(electronPackage, 'dist');
  const binary = join(dist, relative);
  return relative && existsSync(binary) ? binary : null;
}

/** Runs a Node script to completion with the terminal attached; returns its exit code. */
function runNode(script, args = []) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });
  return result.status ?? 1;
}

function build() {
  const status = runNode(join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), ['build']);
  if (status !== 0) process.exit(status);
}

/** Runs the long-lived child until it exits, passing on Ctrl+C and kill, then exits alike. */
function runUntilExit(command, args, env) {
  const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
  child.on('error', (err) => {
    console.error(`Could not start ${command}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function startInBrowser(reason) {
  console.log(`${reason}; starting Clientele in your browser instead.`);
  build();
  // The host prints its own URL.
  runUntilExit(process.execPath, [join(root, 'out', 'main', 'host.js')], process.env);
}

function startDesktop(binary) {
  if (runNode(join(root, 'scripts', 'native-electron.mjs')) !== 0) {
    startInBrowser('The desktop app could not be prepared (see the line above)');
    return;
  }
  build();
  // ELECTRON_RUN_AS_NODE would make the binary behave as plain Node and ignore the app.
  const { ELECTRON_RUN_AS_NODE: _ignored, ...env } = process.env;
  runUntilExit(binary, [root], { ...env, CLIENTELE_NATIVE_BINDING: nativeBinding });
}

/**
 * Electron fetches its runtime on first use, not at install: try that once, quietly, so a
 * fresh `npm install && npm start` on a desktop opens the desktop app.
 */
function fetchElectron() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return null;
  console.log("Fetching Electron's runtime (first start only)...");
  spawnSync(process.execPath, [join(electronPackage, 'install.js')], { cwd: root, stdio: 'ignore', timeout: 300_000 });
  return electronBinary();
}

const binary = electronBinary() ?? fetchElectron();
if (!binary) {
  startInBrowser("Electron's runtime is not installed on this machine (it could not be downloaded)");
} else if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  startInBrowser('There is no desktop session to open a window in');
} else {
  startDesktop(binary);
}
