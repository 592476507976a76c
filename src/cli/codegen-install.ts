// What to tell a user whose project lacks graphql-codegen: the exact install line for their Node.

const CODEGEN_PACKAGES = ['@graphql-codegen/cli', '@graphql-codegen/add', '@graphql-codegen/typescript', '@graphql-codegen/typescript-operations'] as const;

// The newest majors need Node 22 (their dependencies' engines); on Node 20 the last majors before them.
const NODE_20_MAJORS: Record<(typeof CODEGEN_PACKAGES)[number], number> = {
  '@graphql-codegen/cli': 6,
  '@graphql-codegen/add': 6,
  '@graphql-codegen/typescript': 5,
  '@graphql-codegen/typescript-operations': 5,
};

export function codegenInstallLine(nodeMajor = Number(process.versions.node.split('.')[0])): string {
  const specs = CODEGEN_PACKAGES.map((name) => (nodeMajor < 22 ? `${name}@${NODE_20_MAJORS[name]}` : name));
  return `npm install -D ${specs.join(' ')}`;
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
