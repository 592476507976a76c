// One program that loads both builds (a CommonJS dependency next to ESM code is common): a KrakenError
// from either build is recognised by isKrakenError of the other, with and without a document.
import { createRequire } from 'node:module';
import { isKrakenError } from 'kraken-sdk';
import * as esmSt from 'kraken-sdk/st';

const require = createRequire(import.meta.url);
const cjsRoot = require('kraken-sdk');
const cjsSt = require('kraken-sdk/st');
const endpoint = process.argv[2];

async function refusal(st) {
  // The default mock refuses a token that is not a JWT (KT-CT-1111).
  const client = st.createKrakenClient({ endpoint, auth: { token: 'not-a-jwt' } });
  const { error } = await client.safeRequest(st.AcceptGoodsQuoteDocument, { input: { quoteId: 'q-1' } });
  if (error === undefined) throw new Error('expected the call to fail');
  return error;
}

const fromCjs = await refusal(cjsSt);
const fromEsm = await refusal(esmSt);
const verdicts = {
  'ESM isKrakenError(CJS error)': isKrakenError(fromCjs),
  'ESM isKrakenError(CJS error, ESM document)': isKrakenError(fromCjs, esmSt.AcceptGoodsQuoteDocument),
  'CJS isKrakenError(ESM error)': cjsRoot.isKrakenError(fromEsm),
  'CJS isKrakenError(ESM error, CJS document)': cjsRoot.isKrakenError(fromEsm, cjsSt.AcceptGoodsQuoteDocument),
};
const failed = Object.entries(verdicts).filter(([, verdict]) => verdict !== true);
if (failed.length > 0) throw new Error(`not recognised across builds: ${failed.map(([name]) => name).join('; ')}`);
console.log(`cross-build ok: ${Object.keys(verdicts).length} combinations`);
