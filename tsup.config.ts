import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    st: 'src/brands/st.ts',
    oejp: 'src/brands/oejp.ts',
    'document-node': 'src/document-node.ts',
    mocks: 'mocks/index.ts',
    'mocks-node': 'mocks/node.ts',
    redis: 'src/redis/index.ts',
    cli: 'src/cli/main.ts',
    codegen: 'src/codegen/index.ts',
    'graphql-request': 'src/transports/graphql-request.ts',
    otel: 'src/otel.ts',
    node: 'src/transports/node-http.ts',
    // Not an export: what package.json's `browser` field puts in place of `node` in browser and Worker bundles.
    'node-elsewhere': 'src/transports/node-http-elsewhere.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: false,
  splitting: true,
  treeshake: true,
  target: 'node20',
  // msw is a peer of the mocks entry: the consumer's own copy must be the one that intercepts.
  external: ['msw', 'msw/node', 'graphql-request'],
});
