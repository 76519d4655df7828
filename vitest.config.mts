import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Packages resolve to their sources, except the chaincode: tests run the contracts as tsc
    // compiled them (decorator metadata included), i.e. what a peer runs; `npm test` builds first.
    alias: {
      // The browser-safe module file the verifier imports, before the package's index (first match wins).
      '@suitrust/crypto/dist/verificationSuites': here('./crypto/src/verificationSuites.ts'),
      '@suitrust/crypto': here('./crypto/src/index.ts'),
      '@suitrust/durable': here('./durable/src/index.ts'),
      '@suitrust/network': here('./network/src/index.ts'),
      '@suitrust/projections': here('./projections/src/index.ts'),
      // The verifier imports the log's browser-safe module files, not the package's index (which opens files).
      '@suitrust/proofs/dist/log': here('./proofs/src/log'),
      '@suitrust/proofs': here('./proofs/src/index.ts'),
      '@suitrust/verifier': here('./verifier/src/index.ts'),
      '@suitrust/gateway': here('./gateway/src/index.ts'),
    },
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'chaincode/package/**', '**/*.slow.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    // fabric-shim and fabric-contract-api log every transaction at info level.
    env: { CORE_CHAINCODE_LOGGING_LEVEL: 'critical' },
  },
});
