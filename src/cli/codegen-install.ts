// What to tell a user whose project lacks graphql-codegen: the exact install line for their Node.

const CODEGEN_PACKAGES = ['@graphql-codegen/cli', '@graphql-codegen/add', '@graphql-codegen/typescript', '@graphql-codegen/typescript-operations'] as const;

// The newest majors need Node 22 (their dependencies' engines); on Node 20 the last majors before them.
const NODE_20_MAJORS: Record<(typeof CODEGEN_PACKAGES)[number], number> = {
  '@graphql-codegen/cli': 6,
  '@graphql-codegen/add': 6,
  '@graphql-codegen/typescript': 5,
  '@graphql-codegen/typescript-operations': 5,
};

/**
 * On Node 20, npm would still pick those majors' dependencies' Node 22-only releases (EBADENGINE):
 * these overrides (the README gives the same; test/cli/cli-small-things.test.ts keeps them equal) hold them back.
 */
export const NODE_20_OVERRIDES: Readonly<Record<string, string>> = {
  '@whatwg-node/promise-helpers': '^1.3.2',
  '@whatwg-node/fetch': '^0.10.13',
  '@whatwg-node/disposablestack': '^0.0.6',
  'sync-fetch': '0.6.0',
};

/** The install line for the Node given; on Node 20 followed by the overrides line for package.json. */
export function codegenInstallLine(nodeMajor = Number(process.versions.node.split('.')[0])): string {
  const specs = CODEGEN_PACKAGES.map((name) => (nodeMajor < 22 ? `${name}@${NODE_20_MAJORS[name]}` : name));
  const install = `npm install -D ${specs.join(' ')}`;
  if (nodeMajor >= 22) return install;
  const overrides = Object.entries(NODE_20_OVERRIDES).map(([name, range]) => `${JSON.stringify(name)}: ${JSON.stringify(range)}`);
  return `${install}\nwith, in your package.json (Node 20 only; they keep npm from Node 22-only releases):\n"overrides": { ${overrides.join(', ')} }`;
}

/**
 * The codegen package a failed import could not find, else undefined. graphql-codegen reports a
 * plugin's failed load inside an AggregateError, loaders may wrap it as a cause: both are searched.
 */
export function missingCodegenPackage(error: unknown, depth = 0): string | undefined {
  if (!(error instanceof Error) || depth > 5) return undefined;
  const code = (error as { code?: unknown }).code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
    const named = CODEGEN_PACKAGES.find((name) => error.message.includes(`'${name}'`));
    if (named) return named;
  }
  const inner = [error.cause, ...(error instanceof AggregateError ? error.errors : [])];
  for (const candidate of inner) {
    const named = missingCodegenPackage(candidate, depth + 1);
    if (named) return named;
  }
  return undefined;
}

export function codegenMissingMessage(packageName: string): string {
  return `${packageName} is not installed; generate --schema runs graphql-codegen from your project. Install it with:\n${codegenInstallLine()}`;
}
