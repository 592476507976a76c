// One generation in its own process, for the scale suite: `tsx bench/generate-child.ts <kraken|client-preset> <schema> <out> [<documents dir>]`.
// Prints {"ms":…,"peakRssBytes":…} (peak resident set size of this process, from the OS) as its last line.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const [tool, schema = '', out = '', documents] = process.argv.slice(2);
const started = performance.now();
if (tool === 'kraken') {
  const { runCli } = await import('../src/cli/run.js');
  const status = await runCli(['generate', '--schema', schema, '--out', out, ...(documents ? ['--operations', documents] : [])], {
    stdout: () => {},
    stderr: (line) => {
      if (!line.includes('warning:')) console.error(line);
    },
    stopSignal: () => new Promise<never>(() => {}),
  });
  if (status !== 0) process.exit(status);
} else if (tool === 'client-preset') {
  const { generate } = await import('@graphql-codegen/cli');
  const files = documents ? (await readdir(documents)).filter((name) => name.endsWith('.graphql')).map((name) => join(documents, name)) : [];
  // The same texts, read by codegen itself (as client-preset users configure it).
  await Promise.all(files.map((file) => readFile(file, 'utf8')));
  await generate({ silent: true, schema, documents: files, generates: { [`${out}/`]: { preset: 'client', config: { onlyOperationTypes: true } } } }, true);
} else {
  throw new Error(`unknown tool ${String(tool)}`);
}
const ms = performance.now() - started;
// maxRSS is in kilobytes.
console.log(JSON.stringify({ ms, peakRssBytes: process.resourceUsage().maxRSS * 1024 }));
