// Per call: the client against raw fetch, bare graphql-request and @shopify/graphql-client, with an
// in-process fetch (client CPU only) and over loopback HTTP. Ratios are taken within each round.
import { acceptGoodsQuoteResponse, ENDPOINT } from '../fixtures.js';
import { measureInterleaved, medianRoundRatio } from '../harness.js';
import type { CaseResult } from '../harness.js';
import { fixedJsonFetch } from '../in-memory-fetch.js';
import { startLoopbackServer } from '../loopback-server.js';
import { callSubjects, checkSubjects, KRAKEN, RAW_FETCH } from '../subjects.js';
import type { CallSubject } from '../subjects.js';
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

export async function perCall(): Promise<ResultRow[]> {
  // In process nothing waits on I/O: CPU time, which the machine's other load does not inflate.
  const inProcess = await measure(callSubjects(ENDPOINT, fixedJsonFetch(acceptGoodsQuoteResponse)), 'cpu');
  const server = await startLoopbackServer(acceptGoodsQuoteResponse);
  try {
    const loopback = await measure(callSubjects(server.url, globalThis.fetch), 'wall');
    return [...rows('in-process fetch (CPU time per call)', inProcess), ...rows('loopback HTTP (127.0.0.1, server in a child process; wall time)', loopback)];
  } finally {
    await server.close();
  }
}
