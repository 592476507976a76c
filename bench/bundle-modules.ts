// What each module puts in each output of the st client + 1 operation, minified (`npx tsx bench/bundle-modules.ts [single] [login]`):
// where the up-front bytes (entry.js and the chunks it imports) come from.
import { build } from 'esbuild';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientWith, operationNames } from './bundle-cases.js';
import { nodeTransportStandIn } from '../scripts/node-transport-swap.mjs';
const dir = await mkdtemp(join(tmpdir(), 'parts-'));
await writeFile(join(dir, 'entry.ts'), clientWith('st', (await operationNames('st')).slice(0, 1), undefined, process.argv.includes('login')));
const splitting = !process.argv.includes('single');
const { metafile } = await build({ entryPoints: [join(dir, 'entry.ts')], outdir: join(dir, 'out'), bundle: true, splitting, format: 'esm', platform: 'browser', target: 'es2022', minify: true, metafile: true, logLevel: 'error', nodePaths: [join(process.cwd(), 'node_modules')], plugins: [nodeTransportStandIn()] });
for (const [out, { inputs, imports }] of Object.entries(metafile.outputs)) {
  const total = Object.values(inputs).reduce((a, b) => a + b.bytesInOutput, 0);
  console.log(out.split('/').pop(), total, imports.filter((i) => i.kind === 'import-statement').map((i) => i.path.split('/').pop()).join(','));
  for (const [input, { bytesInOutput }] of Object.entries(inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)) if (bytesInOutput > 150) console.log('   ', bytesInOutput, input.replace(/^(\.\.\/)+/, ''));
}
