/**
 * Small disks for fault tests: a tmpfs of a given size, or a read-only bind mount of a
 * folder. Both need root (CI and the project's machines run as root); elsewhere they
 * return null with the reason, and the test skips saying why.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const mounted: string[] = [];
afterEach(() => {
  while (mounted.length) {
    const dir = mounted.pop()!;
    try {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  }
});

function canMount(): string | null {
  if (process.platform !== 'linux') return `fault tests mount filesystems, which needs Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'fault tests mount filesystems, which needs root';
  return null;
}

/** A fresh tmpfs of `bytes`, or the reason there is none. */
export function smallDisk(bytes: number): { dir: string } | { skip: string } {
  const why = canMount();
  if (why) return { skip: why };
  const dir = mkdtempSync(join(tmpdir(), 'clientele-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return { skip: `could not mount a tmpfs: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
  mounted.push(dir);
  return { dir };
}

/** Mounts `dir` over itself read-only; the returned function makes it writable again. */
export function makeReadOnly(dir: string): (() => void) | { skip: string } {
  const why = canMount();
  if (why) return { skip: why };
  try {
    execFileSync('mount', ['--bind', dir, dir], { stdio: 'pipe' });
    execFileSync('mount', ['-o', 'remount,bind,ro', dir], { stdio: 'pipe' });
  } catch (err) {
    return { skip: `could not mount read-only: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
  mounted.push(dir);
  return () => {
    execFileSync('umount', [dir], { stdio: 'ignore' });
    mounted.splice(mounted.indexOf(dir), 1);
  };
}

/** Fills the filesystem holding `dir` to the last byte with one file; returns its path. */
export function fill(dir: string): string {
  const file = join(dir, 'filler.bin');
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(64 * 1024);
  try {
    for (;;) {
      try {
        writeSync(fd, block);
      } catch {
        // A last partial block: fill what is left byte-sized.
        for (let size = block.length / 2; size >= 1; size = Math.floor(size / 2)) {
          try {
            for (;;) writeSync(fd, block, 0, size);
          } catch {
            // smaller next
          }
        }
        return file;
      }
    }
  } finally {
    closeSync(fd);
  }
}
