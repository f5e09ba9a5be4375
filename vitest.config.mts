import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Each file gets its own process: better-sqlite3 handles and timers never leak across files.
    pool: 'forks',
    // Real scrypt at OWASP cost takes ~0.4 s a hash on this class of machine.
    testTimeout: 30_000,
  },
});
