// 1. What the client adds to one request, against a minimal hand-written fetch call.
import * as st from '../../src/brands/st.js';
import { minimalRequest } from '../baseline.js';
import { acceptGoodsQuoteResponse, acceptGoodsQuoteVariables, ENDPOINT } from '../fixtures.js';
import { measureInterleaved } from '../harness.js';
import { fixedJsonFetch } from '../in-memory-fetch.js';
import { formatNs, formatOps, formatRatio } from '../table.js';
import type { ResultRow } from '../table.js';

export async function clientOverhead(): Promise<ResultRow[]> {
  const fetch = fixedJsonFetch(acceptGoodsQuoteResponse);
  const client = st.createKrakenClient({ endpoint: ENDPOINT, fetch });
  const document = st.AcceptGoodsQuoteDocument;
  const query = document.kraken.text;

  const [clientResult, baselineResult] = await measureInterleaved([
    { name: 'client', run: () => client.request(document, acceptGoodsQuoteVariables) },
    { name: 'baseline', run: () => minimalRequest(fetch, ENDPOINT, query, acceptGoodsQuoteVariables) },
  ]);
  if (!clientResult || !baselineResult) throw new Error('overhead: missing results');
  return [
    {
      measure: '1. Request throughput (in-memory fetch)',
      subject: 'client.request(st.AcceptGoodsQuoteDocument)',
      subjectResult: `${formatOps(clientResult.opsPerSecond)} (${formatNs(clientResult.nsPerOp)}/op)`,
      baseline: 'minimal fetch + JSON.stringify + r.json()',
      baselineResult: `${formatOps(baselineResult.opsPerSecond)} (${formatNs(baselineResult.nsPerOp)}/op)`,
      ratio: `${formatRatio(clientResult.nsPerOp, baselineResult.nsPerOp, 'time/op')}; ${formatRatio(clientResult.opsPerSecond, baselineResult.opsPerSecond, 'ops/s')}`,
    },
  ];
}
