// Whether importing an entry point loads the graphql package, checked in a fresh Node process whose
// module resolution refuses `graphql`: the import succeeds only if nothing on its path needs graphql.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { ROOT } from './bundle.js';

const run = promisify(execFile);

const REFUSE_GRAPHQL_HOOKS = `export async function resolve(specifier, context, next) {
  if (specifier === 'graphql' || specifier.startsWith('graphql/')) throw new Error('graphql was loaded, imported by ' + context.parentURL);
  return next(specifier, context);
}`;

/**
 * Undefined when a fresh `import()` of the bundled module never resolves graphql, else the module that
 * asked for it. `url` is an ESM file URL; its dependencies resolve from the project's node_modules.
 */
export async function graphqlLoadedByImport(url: string): Promise<string | undefined> {
  const workdir = await mkdtemp(join(tmpdir(), 'kraken-graphql-free-'));
  try {
    const hooks = join(workdir, 'refuse-graphql.mjs');
    const register = join(workdir, 'register.mjs');
    await writeFile(hooks, REFUSE_GRAPHQL_HOOKS);
    await writeFile(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    await run(process.execPath, ['--import', pathToFileURL(register).href, '--input-type=module', '-e', 'await import(process.argv[1]);', url]);
    return undefined;
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? error);
    return /graphql was loaded, imported by (\S+)/.exec(stderr)?.[1] ?? stderr.slice(0, 300);
  } finally {
    await rm(workdir, { recursive: true, force: true });
  }
}

/** Bundles project entry points as the published ESM is built (dependencies external) into `outdir`. */
export async function bundleForNode(entryPoints: Record<string, string>, outdir: string): Promise<void> {
  await build({
    entryPoints: Object.fromEntries(Object.entries(entryPoints).map(([name, path]) => [name, join(ROOT, path)])),
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    logLevel: 'error',
  });
  // Lets the bundle resolve its dependencies from the project's node_modules.
  await symlink(join(ROOT, 'node_modules'), join(outdir, 'node_modules'), 'dir');
}
