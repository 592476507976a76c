#!/usr/bin/env node
// Consumer check: pack the built package, install the tarball into a fresh project, then there
// type-check and run ESM and CommonJS programs against the packed mock server, bundle the client
// for the browser (no Node built-ins) and run it in headless Chromium (Debian's, never a download).
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'scripts/consumer');
const work = mkdtempSync(join(tmpdir(), 'kraken-sdk-consumer-'));
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
  const external = Object.values(bundle.metafile.outputs).flatMap((output) => output.imports.filter((entry) => entry.external));
  if (external.length > 0) throw new Error(`browser bundle leaves imports unresolved: ${external.map((entry) => entry.path).join(', ')}`);
  const script = bundle.outputFiles[0].text;
  check(`browser bundle (${(script.length / 1024).toFixed(0)} KiB, ${inputs.length} inputs) has no Node built-in`);

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

async function main() {
  console.log(`consumer project: ${work}`);
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], root));
  const tarball = join(work, packed.filename);
  check(`packed ${packed.filename} (${packed.entryCount} files, ${(packed.size / 1024).toFixed(0)} KiB)`);

  const ownPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball, `msw@${ownPackage.devDependencies.msw}`], work);
  check('installed the tarball into a fresh project');

  for (const file of ['esm.mjs', 'cjs.cjs', 'typed.mts', 'typed.cts', 'browser-entry.mjs']) copyFileSync(join(fixtures, file), join(work, file));
  writeFileSync(
    join(work, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { module: 'node16', moduleResolution: 'node16', target: 'ES2022', lib: ['ES2022', 'DOM'], strict: true, noEmit: true, types: [], skipLibCheck: false },
      files: ['typed.mts', 'typed.cts'],
    }),
  );
  run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', work], work);
  check('type-checked typed ESM and CommonJS consumers (expected compile errors included)');

  const { child, url } = await startPackedMockServer(work);
  try {
    const apiUrl = new URL('/v1/graphql/', url).href;
    check(`packed bin serves the mock at ${url}`);
    process.stdout.write(`  ${run(process.execPath, ['esm.mjs', apiUrl], work)}`);
    process.stdout.write(`  ${run(process.execPath, ['cjs.cjs', apiUrl], work)}`);
    await browserCheck(work, apiUrl);
  } finally {
    child.kill('SIGTERM');
  }
  rmSync(work, { recursive: true, force: true });
  console.log('consumer check passed');
}

main().catch((error) => {
  console.error(`consumer check failed: ${error.stack ?? error}`);
  console.error(`(project kept for inspection: ${work})`);
  process.exit(1);
});
