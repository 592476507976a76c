// The package's ESM exactly as `npm run build` publishes it: tsup with the project's own configs (every
// entry point, code splitting and its shared chunks, tree-shaking), ESM only and without declarations.
// The cold-start suite imports from it, so its module graph is the one a user's `import` loads.
import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build, type Options } from 'tsup';
import { addOnBuild, clientBuild } from '../tsup.config.js';
import { ROOT } from './bundle.js';

export async function buildPublishedEsm(outDir: string): Promise<void> {
  for (const options of [clientBuild, addOnBuild] as Options[]) {
    const entry = Object.fromEntries(Object.entries(options.entry as Record<string, string>).map(([name, path]) => [name, join(ROOT, path)]));
    await build({ ...options, entry, config: false, format: ['esm'], dts: false, outDir, clean: false, silent: true });
  }
  // Lets the build resolve its dependencies from the project's node_modules, as an installed package would.
  await writeFile(join(outDir, 'package.json'), '{ "type": "module" }\n');
  await symlink(join(ROOT, 'node_modules'), join(outDir, 'node_modules'), 'dir');
}
