/**
 * Run as a child process by the data-folder tests: takes the folder as an owner would,
 * says so on stdout, and holds it until it is killed.
 */
import { claimDataFolder } from '../../src-main/data-folder-lock';

const [dataDir] = process.argv.slice(2) as [string];
claimDataFolder(dataDir, { kind: 'app', what: 'the browser host at http://127.0.0.1:4321' });
console.log('owned');
setInterval(() => undefined, 60_000);
