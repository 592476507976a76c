// Issue 28 item 11: timers take at most 2^31 - 1 ms; a larger timeout or retry delay fired after ~1 ms
// with a TimeoutOverflowWarning. Such values are refused when the client is built (or the call starts),
// naming the option and the largest value.
import { describe, expect, it } from 'vitest';
import { CloseOpenPrintBatchDocument, createKrakenClient } from 'kraken-sdk/st';

const ENDPOINT = 'https://api.example.test/graphql/';
const MAX = 2_147_483_647;
const never = () => new Promise<Response>(() => {});

describe('timer values past 2^31 - 1 ms (28.11)', () => {
  it('timeoutMs at 2^31 is refused at construction, naming the option and the largest value; the largest is accepted', () => {
    expect(() => createKrakenClient({ endpoint: ENDPOINT, timeoutMs: 2 ** 31 })).toThrow(/timeoutMs.*2147483647/);
    expect(() => createKrakenClient({ endpoint: ENDPOINT, timeoutMs: MAX, fetch: never })).not.toThrow();
  });

  for (const option of ['baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs', 'maxTotalMs'] as const) {
    it(`retry.${option} at 2^31 is refused by the client and by a call`, () => {
      expect(() => createKrakenClient({ endpoint: ENDPOINT, retry: { [option]: 2 ** 31 } })).toThrow(new RegExp(`retry\\.${option}.*2147483647`));
      const client = createKrakenClient({ endpoint: ENDPOINT, fetch: never });
      expect(() => client.request(CloseOpenPrintBatchDocument, undefined, { retry: { [option]: 2 ** 40 } })).toThrow(new RegExp(`retry\\.${option}`));
    });
  }
});
