// Where the client's lazy import of the Node transport (src/client/transport.ts: '../transports/node-http.js')
// leads. In the built package it becomes the package's own subpath import '#node-transport', which package.json's
// `imports` resolves by condition: the Node transport for Node, a stand-in (node-http-elsewhere) for browser and
// Worker bundles, so it adds no byte there (issue 22; conditions rather than an object `browser` field, issue 29).
// Bundles made from the sources (the bench, test/package/browser-field.test.ts) take the stand-in directly.

const NODE_TRANSPORT = /(^|\/)transports\/node-http\.js$/;
const fromClient = (importer) => /[\\/]src[\\/]client[\\/]transport\.ts$/.test(importer);

/** esbuild plugin for the package build: the client imports '#node-transport' (external). */
export function nodeTransportBySubpathImport() {
  return {
    name: 'node-transport-by-subpath-import',
    setup(build) {
      build.onResolve({ filter: NODE_TRANSPORT }, (args) => (fromClient(args.importer) ? { path: '#node-transport', external: true } : undefined));
    },
  };
}

/** esbuild plugin for browser and Worker bundles of the sources: the client gets the stand-in. */
export function nodeTransportStandIn() {
  return {
    name: 'node-transport-stand-in',
    setup(build) {
      build.onResolve({ filter: NODE_TRANSPORT }, (args) =>
        fromClient(args.importer) ? { path: new URL('../src/transports/node-http-elsewhere.ts', import.meta.url).pathname } : undefined,
      );
    },
  };
}
