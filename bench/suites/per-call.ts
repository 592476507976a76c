// Per call: the client against raw fetch, bare graphql-request and @shopify/graphql-client, with an
// in-process fetch (client CPU only) and over loopback HTTP. Ratios are taken within each round. The
// client is the published build (tsup's ESM), as users run it and as the other libraries are measured:
// run from the sources, tsx's keepNames would add a defineProperty per named closure made per call.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { acceptGoodsQuoteResponse, ENDPOINT } from '../fixtures.js';
import { buildPublishedEsm } from '../published-esm.js';
import { measureInterleaved, medianRoundRatio } from '../harness.js';
import type { CaseResult } from '../harness.js';
import { fixedJsonFetch } from '../in-memory-fetch.js';
import { startLoopbackServer } from '../loopback-server.js';
import { BARE_NODE_HTTP, callSubjects, checkSubjects, KRAKEN, KRAKEN_ON_NODE_HTTP, RAW_FETCH, RAW_FETCH_WITH_TIMEOUT } from '../subjects.js';
import type { CallSubject, SdkEntries } from '../subjects.js';
import { formatNs } from '../table.js';
import type { ResultRow } from '../table.js';

async function measure(subjects: readonly CallSubject[], clock: 'wall' | 'cpu'): Promise<CaseResult[]> {
  await checkSubjects(subjects, acceptGoodsQuoteResponse.data);
  return measureInterleaved(
    subjects.map((subject) => ({ name: subject.name, run: subject.call })),
    // Wall time over loopback swings about ±10% between rounds (two processes on the machine's cores):
    // more rounds for its median ratio.
    { rounds: clock === 'wall' ? 45 : 15, clock },
  );
}

function rows(transport: string, results: readonly CaseResult[]): ResultRow[] {
  const baseline = results.find((result) => result.name === RAW_FETCH);
  const kraken = results.find((result) => result.name === KRAKEN);
  if (!baseline || !kraken) throw new Error('per call: missing results');
  return results
    .filter((result) => result !== baseline)
    .map((result) => ({
      measure: `Per call, ${transport}`,
      subject: result.name,
      subjectResult: `${formatNs(result.nsPerOp)}/call`,
      baseline: RAW_FETCH,
      baselineResult: `${formatNs(baseline.nsPerOp)}/call`,
      ratio: `${medianRoundRatio(result, baseline).toFixed(2)}×${result === kraken ? '' : ` (kraken-sdk ÷ this: ${medianRoundRatio(kraken, result).toFixed(2)}×)`}`,
    }));
}

/** Issue 22's targets, each a ratio within the same rounds. */
function targetRows(results: readonly CaseResult[]): ResultRow[] {
  const find = (name: string): CaseResult => {
    const found = results.find((result) => result.name === name);
    if (!found) throw new Error(`per call: missing ${name}`);
    return found;
  };
  const pairs: Array<[string, string, number]> = [
    [KRAKEN_ON_NODE_HTTP, RAW_FETCH, 0.6],
    [KRAKEN_ON_NODE_HTTP, BARE_NODE_HTTP, 1.15],
    [KRAKEN, RAW_FETCH_WITH_TIMEOUT, 1.05],
  ];
  return pairs.map(([subject, baseline, target]) => {
    const ratio = medianRoundRatio(find(subject), find(baseline));
    return {
      measure: `Per call, loopback: target ≤ ${target}× (issue 22)`,
      subject,
      subjectResult: `${formatNs(find(subject).nsPerOp)}/call`,
      baseline,
      baselineResult: `${formatNs(find(baseline).nsPerOp)}/call`,
      ratio: `${ratio.toFixed(2)}× ${ratio <= target ? '(met)' : '(not met)'}`,
    };
  });
}

async function publishedEntries(outDir: string): Promise<SdkEntries> {
  await buildPublishedEsm(outDir);
  const entry = (name: string): string => pathToFileURL(join(outDir, `${name}.js`)).href;
  return {
    st: (await import(entry('st'))) as SdkEntries['st'],
    graphqlRequest: (await import(entry('graphql-request'))) as SdkEntries['graphqlRequest'],
    node: (await import(entry('node'))) as SdkEntries['node'],
  };
}

export async function perCall(): Promise<ResultRow[]> {
  const outDir = await mkdtemp(join(tmpdir(), 'kraken-bench-per-call-'));
  const server = await startLoopbackServer(acceptGoodsQuoteResponse);
  try {
    const sdk = await publishedEntries(outDir);
    // In process nothing waits on I/O: CPU time, which the machine's other load does not inflate.
    const inProcess = await measure(callSubjects(sdk, ENDPOINT, fixedJsonFetch(acceptGoodsQuoteResponse)), 'cpu');
    const loopback = await measure(callSubjects(sdk, server.url, globalThis.fetch, true), 'wall');
    return [
      ...rows('in-process fetch (CPU time per call)', inProcess),
      ...rows('loopback HTTP (127.0.0.1, server in a child process; wall time)', loopback),
      ...targetRows(loopback),
    ];
  } finally {
    await server.close();
    await rm(outDir, { recursive: true, force: true });
  }
}
