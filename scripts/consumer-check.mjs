#!/usr/bin/env node
// Consumer check: pack the built package, install the tarball into a fresh project, then there:
// without msw, run the packed mock-server bin and kraken-sdk/mocks/node; with msw, type-check
// consumers on node16 and node10 resolution, compare every value each entry point's .d.ts/.d.cts
// declares with what import and require give at runtime, run ESM and CommonJS programs against the
// packed mock server (the app's own credentials included) on Node 20-26, Bun, Deno and workerd, type-check
// with TypeScript 7 too, bundle the client for the browser (no Node built-ins) and run it in headless
// Chromium (Debian's, never a download). Then the peer matrix (consumer/peer-matrix.mjs): every major that
// peerDependencies accept, installed beside the tarball in a project of its own and exercised on a Node that
// runs it, ending with the table peer × major × Node → result.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { declaredValueNames } from './consumer/declared-values.mjs';
import { entryPoints, node10Problems } from './consumer/entry-points.mjs';
import { printPeerTable, runPeerMatrix } from './consumer/peer-matrix.mjs';
import { nodeBinary, runRuntimeMatrix } from './consumer/runtime-matrix.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'scripts/consumer');
const peerFixtures = join(root, 'scripts/consumer/peers');
const work = mkdtempSync(join(tmpdir(), 'kraken-sdk-consumer-'));
// The consumer's own files (scripts/consumer/ also holds helpers this script imports).
const CONSUMER_FILES = ['esm.mjs', 'cjs.cjs', 'typed.mts', 'typed.cts', 'browser-entry.mjs', 'runtime-exports.mjs', 'without-msw.mjs', 'app-credentials.mjs', 'cross-build.mjs', 'readme-pattern.mjs', 'runtime-smoke.mjs', 'runtime-smoke.cjs', 'worker-smoke.mjs'];
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';


const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
const check = (name) => console.log(`  ok: ${name}`);

function startPackedMockServer(cwd) {
  const child = spawn(join(cwd, 'node_modules/.bin/kraken-sdk'), ['mock-server', '--brand', 'st', '--port', '0'], { cwd });
  return new Promise((resolvePromise, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const firstLine = buffered.split('\n')[0];
      if (buffered.includes('\n')) resolvePromise({ child, url: firstLine.match(/https?:\/\/\S+/)?.[0] });
    });
    child.on('exit', (code) => reject(new Error(`mock server exited early (${code})`)));
  });
}

async function browserCheck(cwd, apiUrl) {
  const bundle = await build({
    entryPoints: [join(cwd, 'browser-entry.mjs')],
    absWorkingDir: cwd,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(bundle.metafile.inputs);
  const nodeBuiltIns = inputs.filter((input) => input.startsWith('node:') || /(^|\/)(http|https|net|fs|util|stream|zlib)$/.test(input));
  if (nodeBuiltIns.length > 0) throw new Error(`browser bundle pulls Node built-ins: ${nodeBuiltIns.join(', ')}`);
  // package.json's browser field puts a stand-in in place of the Node transport (issue 22).
  const nodeTransport = inputs.filter((input) => /kraken-sdk\/dist\/node\.c?js$/.test(input));
  if (nodeTransport.length > 0) throw new Error(`browser bundle carries the Node transport: ${nodeTransport.join(', ')}`);
  const external = Object.values(bundle.metafile.outputs).flatMap((output) => output.imports.filter((entry) => entry.external));
  if (external.length > 0) throw new Error(`browser bundle leaves imports unresolved: ${external.map((entry) => entry.path).join(', ')}`);
  const script = bundle.outputFiles[0].text;
  check(`browser bundle (${(script.length / 1024).toFixed(0)} KiB, ${inputs.length} inputs) has no Node built-in and not the Node transport`);

  const page = `<!doctype html><meta charset="utf-8"><title>kraken-sdk</title><script type="module">${script.replace(/<\/script/g, '<\\/script')}</script>`;
  const pageServer = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(page));
  await new Promise((done) => pageServer.listen(0, '127.0.0.1', done));
  const pageUrl = `http://127.0.0.1:${pageServer.address().port}/?api=${encodeURIComponent(apiUrl)}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const tab = await browser.newPage();
    await tab.goto(pageUrl);
    await tab.waitForFunction(() => window.__krakenResult !== undefined, undefined, { timeout: 20_000 });
    const result = await tab.evaluate(() => window.__krakenResult);
    if (!result.ok || typeof result.token !== 'string') throw new Error(`browser call failed: ${JSON.stringify(result)}`);
    check('typed call from a page on another origin in headless Chromium (CORS)');
  } finally {
    await browser.close();
    pageServer.close();
  }
}

function checkNode10Metadata(ownPackage) {
  const problems = node10Problems(ownPackage);
  if (problems.length > 0) throw new Error(`entry points that moduleResolution node10 cannot resolve:\n  ${problems.join('\n  ')}`);
  check(`typesVersions covers every exports entry (${entryPoints(ownPackage).length} entry points)`);
}

function checkShippedOperations() {
  // The catalog's `document` paths are relative to the package: each must be in the installed tarball.
  const installed = join(work, 'node_modules/kraken-sdk');
  const catalogs = readdirSync(join(installed, 'catalog')).filter((name) => name.endsWith('.json'));
  const missing = [];
  let documents = 0;
  for (const name of catalogs) {
    const catalog = JSON.parse(readFileSync(join(installed, 'catalog', name), 'utf8'));
    const paths = [...catalog.operations.map((operation) => operation.document), `operations/${catalog.brand}/fragments.graphql`];
    documents += paths.length;
    missing.push(...paths.filter((path) => !existsSync(join(installed, path))));
  }
  if (catalogs.length === 0 || missing.length > 0) {
    throw new Error(`the package lacks ${missing.length} of the catalog's documents (${missing.slice(0, 3).join(', ')}) or has no catalog`);
  }
  check(`every catalog document path is in the package (${documents} .graphql files, ${catalogs.length} brands)`);
}

function typeCheck(name, compilerOptions, files) {
  writeFileSync(join(work, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions: { noEmit: true, types: [], skipLibCheck: false, ...compilerOptions }, files }));
  run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', `tsconfig.${name}.json`], work);
}

function typeCheckEveryEntryPoint(specifiers) {
  // node16: typed ESM and CommonJS consumers, expected compile errors included.
  typeCheck('node16', { module: 'node16', moduleResolution: 'node16', target: 'ES2022', lib: ['ES2022', 'DOM'], strict: true }, ['typed.mts', 'typed.cts']);
  check('type-checked typed ESM and CommonJS consumers on node16 resolution (expected compile errors included)');
  // node10 ("node"): many existing tsconfigs; it ignores `exports`, so every subpath needs typesVersions.
  const imports = specifiers.map((specifier, i) => `import * as entry${i} from '${specifier}';\nexport const keys${i}: string[] = Object.keys(entry${i});`);
  writeFileSync(join(work, 'every-entry-node10.ts'), `${imports.join('\n')}\n`);
  // skipLibCheck here: msw 3's own declarations do not resolve under node10 (they import '@mswjs/interceptors/WebSocket',
  // a subpath only `exports` maps). What node10 tests is that each kraken-sdk subpath resolves (an unresolved import
  // still fails); the declarations themselves are checked in full on node16 above and on bundler with TypeScript 7.
  typeCheck('node10', { module: 'commonjs', moduleResolution: 'node10', target: 'ES2022', lib: ['ES2022', 'DOM'], strict: true, esModuleInterop: true, skipLibCheck: true }, ['every-entry-node10.ts']);
  check(`type-checked imports of every entry point on node10 resolution: ${specifiers.join(', ')}`);
}

function checkDeclaredValuesExist(specifiers) {
  const runtime = JSON.parse(run(process.execPath, ['runtime-exports.mjs', JSON.stringify(specifiers)], work));
  const missing = [];
  let declaredCount = 0;
  for (const format of ['esm', 'cjs']) {
    const declared = declaredValueNames(work, specifiers, format);
    for (const specifier of specifiers) {
      const present = new Set(runtime[format][specifier]);
      declaredCount += declared[specifier].length;
      const absent = declared[specifier].filter((name) => !present.has(name));
      if (absent.length > 0) missing.push(`${format} ${specifier}: ${absent.length} declared but not exported (${absent.slice(0, 5).join(', ')}${absent.length > 5 ? ', ...' : ''})`);
    }
  }
  if (missing.length > 0) throw new Error(`values the published types declare do not exist at runtime:\n  ${missing.join('\n  ')}`);
  check(`every value the .d.ts/.d.cts files declare exists at runtime through import and require (${declaredCount} names, ${specifiers.length} entry points)`);
}

async function withPackedMockServer(body) {
  const { child, url } = await startPackedMockServer(work);
  try {
    await body(new URL('/v1/graphql/', url).href, url);
  } finally {
    child.kill('SIGTERM');
  }
}

const runFixture = (file, ...args) => process.stdout.write(`  ${run(process.execPath, [file, ...args], work)}`);

/** The synthetic Kraken-scale schema that the codegen cells of the peer matrix pull. */
function writeSyntheticSchema() {
  const synthetic = join(work, 'synthetic-served.graphql');
  run(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/synthetic-schema.ts'), synthetic], root);
  return synthetic;
}

async function main() {
  console.log(`consumer project: ${work}`);
  const ownPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  checkNode10Metadata(ownPackage);
  const specifiers = entryPoints(ownPackage).map(({ specifier }) => specifier);

  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], root));
  const tarball = join(work, packed.filename);
  check(`packed ${packed.filename} (${packed.entryCount} files, ${(packed.size / 1024).toFixed(0)} KiB)`);

  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }, null, 2));
  for (const file of CONSUMER_FILES) copyFileSync(join(fixtures, file), join(work, file));

  // msw is an optional peer: first a project without it, as after `npm install kraken-sdk graphql`.
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball], work);
  check('installed the tarball into a fresh project, without msw');
  checkShippedOperations();
  await withPackedMockServer(async (apiUrl) => runFixture('without-msw.mjs', apiUrl));

  // The optional peers of the entry points checked next (mocks, graphql-request adapter).
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', `msw@${ownPackage.devDependencies.msw}`, `graphql-request@${ownPackage.devDependencies['graphql-request']}`, `@opentelemetry/api@${ownPackage.devDependencies['@opentelemetry/api']}`], work);
  check('installed msw, graphql-request and @opentelemetry/api beside it');
  typeCheckEveryEntryPoint(specifiers);
  checkDeclaredValuesExist(specifiers);

  let runtimes;
  await withPackedMockServer(async (apiUrl, url) => {
    check(`packed bin serves the mock at ${url}`);
    runFixture('esm.mjs', apiUrl);
    runFixture('cjs.cjs', apiUrl);
    runFixture('app-credentials.mjs', apiUrl);
    runFixture('cross-build.mjs', apiUrl);
    runFixture('readme-pattern.mjs');
    runtimes = await runRuntimeMatrix(work, apiUrl, check);
    await browserCheck(work, apiUrl);
  });
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const peerRows = await runPeerMatrix({ work, tarball, fixtures: peerFixtures, nodeBinary: (line) => nodeBinary(work, line), tsc, syntheticSchema: writeSyntheticSchema(), ownPackage, check });
  const typescriptRows = [
    ['typescript', `5.9 (${JSON.parse(readFileSync(join(root, 'node_modules/typescript/package.json'), 'utf8')).version})`, process.version, 'pass', 'consumers on node16, node10'],
    ['typescript', `7 (${runtimes.typescript7})`, process.version, 'pass', 'consumers on node16, bundler'],
  ];
  printPeerTable(peerRows, typescriptRows);
  const failed = peerRows.filter((row) => !row.ok);
  if (failed.length > 0) {
    throw new Error(`${failed.length} peer-matrix cells failed:\n${failed.map((row) => `${row.cell.project} ${row.cell.check}${row.cell.args ? ` ${row.cell.args.join(' ')}` : ''}: ${row.detail}`).join('\n\n')}`);
  }
  rmSync(work, { recursive: true, force: true });
  console.log('consumer check passed');
}

main().catch((error) => {
  console.error(`consumer check failed: ${error.stack ?? error}`);
  console.error(`(project kept for inspection: ${work})`);
  process.exit(1);
});
