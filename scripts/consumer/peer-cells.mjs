// The peer matrix: each project is a fresh consumer project with the packed tarball, these packages and one Node
// line; each cell is a real check run there (scripts/consumer/peers/). `covers` names the peer majors a cell
// proves; test/consumer/peer-matrix.test.ts fails when package.json's peerDependencies accept a major no cell covers.
// Data only: the unit test imports it without installing anything.

const CODEGEN = ['@graphql-codegen/cli', '@graphql-codegen/add', '@graphql-codegen/typescript', '@graphql-codegen/typescript-operations'];
// cli and add share a major; typescript and typescript-operations are one behind.
const codegenSet = (major) => [`${CODEGEN[0]}@${major}`, `${CODEGEN[1]}@${major}`, `${CODEGEN[2]}@${major - 1}`, `${CODEGEN[3]}@${major - 1}`];
const codegenCovers = (major) => [
  [CODEGEN[0], String(major)],
  [CODEGEN[1], String(major)],
  [CODEGEN[2], String(major - 1)],
  [CODEGEN[3], String(major - 1)],
];

// The README's overrides for graphql-codegen on Node 20 (their newest dependencies need Node 22).
export const NODE_20_CODEGEN_OVERRIDES = {
  '@whatwg-node/promise-helpers': '^1.3.2',
  '@whatwg-node/fetch': '^0.10.13',
  '@whatwg-node/disposablestack': '^0.0.6',
  'sync-fetch': '0.6.0',
};

export const PEER_PROJECTS = [
  {
    name: 'msw-3',
    node: '24',
    install: ['msw@3', 'graphql@17', 'vitest@5'],
    cells: [{ check: 'msw-suite', covers: [['msw', '3'], ['graphql', '17']] }],
  },
  {
    name: 'msw-2',
    node: '20',
    install: ['msw@2', 'graphql@16', 'vitest@4', 'graphql-request@6'],
    // Installed by Node 20's npm: no package of kraken-sdk's own tree may ask for a newer Node.
    engineCheck: true,
    cells: [
      { check: 'msw-suite', covers: [['msw', '2'], ['graphql', '16']] },
      { check: 'graphql-request', covers: [['graphql-request', '6']] },
    ],
  },
  {
    name: 'fleet-and-otel',
    node: '24',
    install: [
      'graphql@16',
      'graphql-request@7',
      'redis-4@npm:redis@4',
      'redis-5@npm:redis@5',
      'redis-6@npm:redis@6',
      'ioredis-5@npm:ioredis@5',
      'ioredis-6@npm:ioredis@6',
      // Both sdk-trace-base majors accept @opentelemetry/api below 1.10.
      '@opentelemetry/api@~1.9.0',
      'sdk-trace-base-1@npm:@opentelemetry/sdk-trace-base@1',
      'sdk-trace-base-2@npm:@opentelemetry/sdk-trace-base@2',
    ],
    cells: [
      { check: 'graphql-request', covers: [['graphql-request', '7']] },
      { check: 'fleet-login', args: ['redis-4'], covers: [['redis', '4']] },
      { check: 'fleet-login', args: ['redis-5'], covers: [['redis', '5']] },
      { check: 'fleet-login', args: ['redis-6'], covers: [['redis', '6']] },
      { check: 'fleet-login', args: ['ioredis-5'], covers: [['ioredis', '5']] },
      { check: 'fleet-login', args: ['ioredis-6'], covers: [['ioredis', '6']] },
      { check: 'otel-spans', args: ['sdk-trace-base-1'], covers: [['@opentelemetry/api', '1'], ['@opentelemetry/sdk-trace-base', '1']] },
      { check: 'otel-spans', args: ['sdk-trace-base-2'], covers: [['@opentelemetry/api', '1'], ['@opentelemetry/sdk-trace-base', '2']] },
    ],
  },
  { name: 'codegen-7', node: '24', install: ['graphql@17', ...codegenSet(7)], cells: [{ check: 'codegen', covers: [...codegenCovers(7), ['graphql', '17']] }] },
  { name: 'codegen-6', node: '22', install: ['graphql@16', ...codegenSet(6)], cells: [{ check: 'codegen', covers: [...codegenCovers(6), ['graphql', '16']] }] },
  {
    name: 'codegen-5',
    node: '20',
    install: ['graphql@16', ...codegenSet(5)],
    overrides: NODE_20_CODEGEN_OVERRIDES,
    cells: [{ check: 'codegen', covers: [...codegenCovers(5), ['graphql', '16']] }],
  },
];

/** Every cell, with its project's name and Node line. */
export const PEER_CELLS = PEER_PROJECTS.flatMap((project) => project.cells.map((cell) => ({ ...cell, project: project.name, node: project.node })));
