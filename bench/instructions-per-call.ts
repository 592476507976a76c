// Client-process instructions per loopback call, counted with valgrind's cachegrind (`--cache-sim=no`): the
// published ESM (built as `npm run build` does) making `after` calls, minus the same making `before`, divided
// by the difference; the server runs outside valgrind (bench/loopback-server.ts). The machine's load does not
// move these counts, unlike times. `npx tsx bench/instructions-per-call.ts [before] [after]` (default 200 1000);
// prints the SDK on node:http and a bare keep-alive node:http call that parses the JSON and sets no timer.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acceptGoodsQuoteResponse } from './fixtures.js';
import { startLoopbackServer } from './loopback-server.js';
import { buildPublishedEsm } from './published-esm.js';

const WORKER = `
import http from 'node:http';
const [url, subject, count] = process.argv.slice(2);
const { createKrakenClient, AcceptGoodsQuoteDocument } = await import(new URL('./st.js', import.meta.url));
const { nodeHttpTransport } = await import(new URL('./node.js', import.meta.url));
const variables = { input: { quoteId: 'q-1' } };
const kraken = createKrakenClient({ endpoint: url, transport: nodeHttpTransport() });
const agent = new http.Agent({ keepAlive: true });
const text = AcceptGoodsQuoteDocument.kraken.text;
const bare = () => new Promise((resolve, reject) => {
  const body = JSON.stringify({ query: text, variables });
  const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (response) => {
    let data = '';
    response.setEncoding('utf8');
    response.on('data', (chunk) => (data += chunk));
    response.on('end', () => resolve(JSON.parse(data)));
  });
  request.on('error', reject);
  request.end(body);
});
const call = subject === 'bare' ? bare : () => kraken.request(AcceptGoodsQuoteDocument, variables);
for (let index = 0; index < Number(count); index += 1) await call();
agent.destroy();
process.exit(0);
`;

/** Instructions the worker process executes making `count` calls (cachegrind's program total). */
function countOf(dir: string, url: string, subject: string, count: number): number {
  const out = join(dir, `cg.${subject}.${count}`);
  try {
    execFileSync('valgrind', ['--tool=cachegrind', '--cache-sim=no', `--cachegrind-out-file=${out}`, process.execPath, join(dir, 'worker.mjs'), url, subject, String(count)], {
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    throw new Error(`valgrind failed: ${String((error as { stderr?: unknown }).stderr ?? error).slice(-500)}`, { cause: error });
  }
  const summary = execFileSync('cg_annotate', [out], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const match = /([\d,]+)\s+\(100\.0%\)\s+PROGRAM TOTALS/.exec(summary) ?? /^([\d,]+)\s+PROGRAM TOTALS/m.exec(summary);
  if (!match) throw new Error(`cg_annotate: no total in ${summary.slice(0, 300)}`);
  return Number((match[1] as string).replace(/,/g, ''));
}

const [before = 200, after = 1000] = process.argv.slice(2).map(Number);
const dir = await mkdtemp(join(tmpdir(), 'kraken-instructions-'));
const server = await startLoopbackServer(acceptGoodsQuoteResponse);
try {
  await buildPublishedEsm(dir);
  await writeFile(join(dir, 'worker.mjs'), WORKER);
  for (const subject of ['bare', 'sdk']) {
    const perCall = (countOf(dir, server.url, subject, after) - countOf(dir, server.url, subject, before)) / (after - before);
    console.log(`${subject === 'sdk' ? 'kraken-sdk on node:http' : 'bare node:http, keep-alive'}: ${Math.round(perCall / 1000)}k instructions per call`);
  }
} finally {
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
