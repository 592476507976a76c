import type { Plugin } from 'esbuild';
import { defineConfig, type Options } from 'tsup';

const entryPoints = {
  index: 'src/index.ts',
  st: 'src/brands/st.ts',
  oejp: 'src/brands/oejp.ts',
  'st-error-messages': 'src/brands/st-error-messages.ts',
  'oejp-error-messages': 'src/brands/oejp-error-messages.ts',
  node: 'src/transports/node-http.ts',
  // Not an export: what package.json's `browser` field puts in place of `node` in browser and Worker bundles.
  'node-elsewhere': 'src/transports/node-http-elsewhere.ts',
  'document-node': 'src/document-node.ts',
  mocks: 'mocks/index.ts',
  'mocks-node': 'mocks/node.ts',
  redis: 'src/redis/index.ts',
  testing: 'src/testing/index.ts',
  cli: 'src/cli/main.ts',
  codegen: 'src/codegen/index.ts',
  'graphql-request': 'src/transports/graphql-request.ts',
  otel: 'src/otel.ts',
} as const;
type EntryName = keyof typeof entryPoints;
const pick = (names: readonly EntryName[]) => Object.fromEntries(names.map((name) => [name, entryPoints[name]]));

const javascript: Options = {
  format: ['esm', 'cjs'],
  dts: false,
  sourcemap: false,
  splitting: true,
  treeshake: true,
  target: 'node20',
  // msw is a peer of the mocks entry: the consumer's own copy must be the one that intercepts.
  external: ['msw', 'msw/node', 'graphql-request'],
};

/**
 * The CLI loads a brand's client from its published entry point (`dist/st.js`), not from a second copy of it.
 * The CJS build imports the same ESM file: Node's `import()` loads it from either.
 */
function brandEntriesFromClientBuild(): Plugin {
  return {
    name: 'brand-entries-from-client-build',
    setup(build) {
      build.onResolve({ filter: /\/brands\/(?:st|oejp)\.js$/ }, (args) => ({ path: `./${args.path.split('/').pop()}`, external: true }));
    },
  };
}

/**
 * Two chunk graphs. esbuild puts each module in the chunk of the entry points that reach it, so every add-on sharing
 * a small helper with the client split the client into one more module for every app's import (8 for the root).
 * The add-ons below share only stateless helpers with the client (KrakenError, which the CLI copies, is branded
 * with Symbol.for), so they are built apart and copy those; test/package/module-graph.test.ts checks that the two
 * graphs share no file and that the client's entry points stay at 4 files.
 */
export const clientBuild: Options = { ...javascript, entry: pick(['index', 'st', 'oejp', 'st-error-messages', 'oejp-error-messages', 'node', 'node-elsewhere']) };
export const addOnBuild: Options = {
  ...javascript,
  entry: pick(['document-node', 'mocks', 'mocks-node', 'redis', 'testing', 'cli', 'codegen', 'graphql-request', 'otel']),
  esbuildPlugins: [brandEntriesFromClientBuild()],
};
/** One declaration graph for every entry point, so a type shared by two of them is declared once. */
export const declarationBuild: Options = { entry: entryPoints, format: ['esm', 'cjs'], dts: { only: true }, external: javascript.external };

// No `clean`: the three builds run side by side in dist/, which `npm run build` empties first.
export default defineConfig([clientBuild, addOnBuild, declarationBuild]);
