// 2. Document handling: precomputed operation text vs a plain DocumentNode (printed once, cached)
// vs printing the document on every call.
import { parse, print } from 'graphql';
import type { DocumentNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import * as st from '../../src/brands/st.js';
import { operationOf } from '../../src/index.js';
import type { KrakenOperation } from '../../src/index.js';
import { minimalRequest } from '../baseline.js';
import { acceptGoodsQuoteResponse, acceptGoodsQuoteVariables, ENDPOINT } from '../fixtures.js';
import { measureInterleaved } from '../harness.js';
import { fixedJsonFetch } from '../in-memory-fetch.js';
import { formatNs, formatRatio } from '../table.js';
import type { ResultRow } from '../table.js';

// Keeps the JIT from discarding the work being measured.
let sink = 0;

export async function documentHandling(): Promise<ResultRow[]> {
  const generated = st.AcceptGoodsQuoteDocument;
  // The same operation as an ordinary DocumentNode: no `kraken` metadata, parsed once up front.
  const plain = parse(generated.kraken.text) as TypedDocumentNode<st.AcceptGoodsQuoteMutation, st.AcceptGoodsQuoteMutationVariables>;
  // A fresh node for the print-every-call case, so no cache of any kind can help it.
  const printedEveryCall: DocumentNode = parse(generated.kraken.text);

  const [precomputed, cached, printed] = await measureInterleaved([
    { name: 'precomputed', run: () => { sink += operationOf(generated).text.length; } },
    { name: 'weakmap', run: () => { sink += (operationOf(plain) as KrakenOperation).text.length; } },
    { name: 'print', run: () => { sink += print(printedEveryCall).length; } },
  ]);

  const fetch = fixedJsonFetch(acceptGoodsQuoteResponse);
  const client = st.createKrakenClient({ endpoint: ENDPOINT, fetch });
  const [clientGenerated, clientPlain, naivePrint, minimalPrecomputed] = await measureInterleaved([
    { name: 'client generated', run: () => client.request(generated, acceptGoodsQuoteVariables) },
    { name: 'client plain', run: () => client.request(plain, acceptGoodsQuoteVariables) },
    { name: 'naive print', run: () => minimalRequest(fetch, ENDPOINT, print(printedEveryCall), acceptGoodsQuoteVariables) },
    { name: 'minimal precomputed', run: () => minimalRequest(fetch, ENDPOINT, generated.kraken.text, acceptGoodsQuoteVariables) },
  ]);
  if (sink < 0) console.log(sink);
  if (!precomputed || !cached || !printed || !clientGenerated || !clientPlain || !naivePrint || !minimalPrecomputed) {
    throw new Error('documents: missing results');
  }

  const perCall = (ns: number): string => `${formatNs(ns)}/call`;
  return [
    {
      measure: '2a. Operation text per call',
      subject: 'generated document (precomputed `kraken.text`)',
      subjectResult: perCall(precomputed.nsPerOp),
      baseline: 'graphql `print(document)` every call',
      baselineResult: perCall(printed.nsPerOp),
      ratio: formatRatio(precomputed.nsPerOp, printed.nsPerOp, 'time'),
    },
    {
      measure: '2b. Operation text per call',
      subject: 'plain DocumentNode (printed once, WeakMap cache)',
      subjectResult: perCall(cached.nsPerOp),
      baseline: 'graphql `print(document)` every call',
      baselineResult: perCall(printed.nsPerOp),
      ratio: formatRatio(cached.nsPerOp, printed.nsPerOp, 'time'),
    },
    {
      measure: '2c. Whole request',
      subject: 'client.request(plain DocumentNode)',
      subjectResult: perCall(clientPlain.nsPerOp),
      baseline: 'client.request(generated document)',
      baselineResult: perCall(clientGenerated.nsPerOp),
      ratio: formatRatio(clientPlain.nsPerOp, clientGenerated.nsPerOp, 'time'),
    },
    {
      measure: '2d. Whole request',
      subject: 'minimal fetch with `print(document)` every call',
      subjectResult: perCall(naivePrint.nsPerOp),
      baseline: 'minimal fetch with precomputed text',
      baselineResult: perCall(minimalPrecomputed.nsPerOp),
      ratio: formatRatio(naivePrint.nsPerOp, minimalPrecomputed.nsPerOp, 'time'),
    },
  ];
}
