import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests written as a consumer would import the package by name; these resolve to the sources (see tsconfig paths).
const entry = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^kraken-sdk$/, replacement: entry('./src/index.ts') },
      { find: /^kraken-sdk\/st$/, replacement: entry('./src/brands/st.ts') },
      { find: /^kraken-sdk\/oejp$/, replacement: entry('./src/brands/oejp.ts') },
      { find: /^kraken-sdk\/st\/error-messages$/, replacement: entry('./src/brands/st-error-messages.ts') },
      { find: /^kraken-sdk\/oejp\/error-messages$/, replacement: entry('./src/brands/oejp-error-messages.ts') },
      { find: /^kraken-sdk\/document-node$/, replacement: entry('./src/document-node.ts') },
      { find: /^kraken-sdk\/graphql-request$/, replacement: entry('./src/transports/graphql-request.ts') },
      { find: /^kraken-sdk\/node$/, replacement: entry('./src/transports/node-http.ts') },
      { find: /^kraken-sdk\/mocks$/, replacement: entry('./mocks/index.ts') },
      { find: /^kraken-sdk\/mocks\/node$/, replacement: entry('./mocks/node.ts') },
      { find: /^kraken-sdk\/redis$/, replacement: entry('./src/redis/index.ts') },
      { find: /^kraken-sdk\/testing$/, replacement: entry('./src/testing/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Says once, before the tests, when the reference pages are missing and which tests skip for it.
    // The second sums the per-file secrets reports that the setup file below writes (issue 9).
    globalSetup: ['./test/support/reference-pages-setup.ts', './test/support/secrets-report.ts'],
    // Records every KrakenError, log line and inspected object of each test file and scans them for secrets.
    setupFiles: ['./test/support/secrets-watch.ts'],
    // Type tests (expectTypeOf + @ts-expect-error) are checked by tsc over test/types.
    typecheck: { enabled: true, include: ['test/types/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    testTimeout: 30_000,
  },
});
