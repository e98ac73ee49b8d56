import path from 'node:path';
import { defineConfig } from 'vitest/config';

const domainSource = path.resolve(import.meta.dirname, 'packages/domain/src/index.ts');

export default defineConfig({
  test: {
    reporters: ['default', './vitest.summary-reporter.ts'],
    projects: [
      {
        test: { name: 'domain', root: 'packages/domain', include: ['src/**/*.test.ts'] },
      },
      {
        resolve: { alias: { '@binhan/domain': domainSource } },
        test: { name: 'server', root: 'packages/server', include: ['src/**/*.test.ts'], setupFiles: ['src/test/no-network.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
      },
      {
        resolve: { alias: { '@binhan/domain': domainSource } },
        test: { name: 'web', root: 'packages/web', include: ['src/**/*.test.ts'], environment: 'node', setupFiles: ['src/test-setup.ts'] },
      },
      {
        resolve: { alias: { '@binhan/domain': domainSource } },
        test: { name: 'e2e', root: 'e2e', include: ['**/*.e2e.ts'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false },
      },
    ],
  },
});
