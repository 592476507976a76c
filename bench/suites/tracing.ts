// Tracing costs nothing when no one subscribes (issue 21): per call, in-process CPU of the client with no
// subscriber and with one on the `kraken-sdk:request` TracingChannel, against raw fetch in the same rounds.
import { tracingChannel } from 'node:diagnostics_channel';
import * as st from '../../src/brands/st.js';
import { REQUEST_CHANNEL } from '../../src/core/diagnostics.js';
import { minimalRequest } from '../baseline.js';
import { acceptGoodsQuoteResponse, acceptGoodsQuoteVariables, ENDPOINT } from '../fixtures.js';
import { measureInterleaved, medianRoundRatio } from '../harness.js';
import type { CaseResult } from '../harness.js';
import { fixedJsonFetch } from '../in-memory-fetch.js';
import { formatNs } from '../table.js';
import type { ResultRow } from '../table.js';

const RAW = 'raw fetch';
const UNSUBSCRIBED = 'kraken-sdk, no subscriber';
const SUBSCRIBED = 'kraken-sdk, a subscriber on kraken-sdk:request';

export async function tracing(): Promise<ResultRow[]> {
  const fetchFunction = fixedJsonFetch(acceptGoodsQuoteResponse);
  const client = st.createKrakenClient({ endpoint: ENDPOINT, fetch: fetchFunction });
  const document = st.AcceptGoodsQuoteDocument;
  const channel = tracingChannel(REQUEST_CHANNEL);
  let events = 0;
  const count = (): void => {
    events += 1;
  };
  const subscriber = { start: count, end: count, asyncStart: count, asyncEnd: count, error: count };
  let subscribed = false;
  // A subscription is process-wide, so each case sets the state it needs; the state changes only on a
  // case's first call of a batch, never inside one.
  const subscribe = (wanted: boolean): void => {
    if (wanted === subscribed) return;
    if (wanted) channel.subscribe(subscriber);
    else channel.unsubscribe(subscriber);
    subscribed = wanted;
  };
  const results = await measureInterleaved(
    [
      { name: RAW, run: () => (subscribe(false), minimalRequest(fetchFunction, ENDPOINT, document.kraken.text, acceptGoodsQuoteVariables)) },
      { name: UNSUBSCRIBED, run: () => (subscribe(false), client.request(document, acceptGoodsQuoteVariables)) },
      { name: SUBSCRIBED, run: () => (subscribe(true), client.request(document, acceptGoodsQuoteVariables)) },
    ],
    { rounds: 15, clock: 'cpu' },
  );
  subscribe(false);
  if (events === 0) throw new Error('tracing: the subscriber saw no event, so the traced path was not measured');
  const find = (name: string): CaseResult => {
    const found = results.find((result) => result.name === name);
    if (!found) throw new Error(`tracing: missing ${name}`);
    return found;
  };
  const row = (subject: string, baseline: string): ResultRow => ({
    measure: 'Per call, in-process fetch, tracing (CPU time per call)',
    subject,
    subjectResult: `${formatNs(find(subject).nsPerOp)}/call`,
    baseline,
    baselineResult: `${formatNs(find(baseline).nsPerOp)}/call`,
    ratio: `${medianRoundRatio(find(subject), find(baseline)).toFixed(2)}×`,
  });
  return [row(UNSUBSCRIBED, RAW), row(SUBSCRIBED, RAW), row(SUBSCRIBED, UNSUBSCRIBED)];
}
