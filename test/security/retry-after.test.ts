// Issue 19, item 10: a Retry-After that is a list or junk is no wait at all (not a date in the past,
// which would mean "retry now" and spend every retry at once); seconds and HTTP dates still count.
import { describe, expect, it } from 'vitest';
import { CloseOpenPrintBatchDocument, createKrakenClient, KrakenError } from 'kraken-sdk/st';
import { API_URL } from './fake-kraken.js';

async function answeredWith(status: number, retryAfter: string, now = Date.now()): Promise<{ error: KrakenError; sent: number }> {
  let sent = 0;
  const client = createKrakenClient({
    endpoint: API_URL,
    now: () => now,
    retry: { sleep: () => Promise.resolve(), now: () => now },
    fetch: () => {
      sent += 1;
      return Promise.resolve(new Response('<html>busy</html>', { status, headers: { 'retry-after': retryAfter } }));
    },
  });
  const error = await client.request(CloseOpenPrintBatchDocument).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof KrakenError)) throw new Error('expected a KrakenError');
  return { error, sent };
}

describe('Retry-After', () => {
  it.each(['1, 2', '1 2', 'soon', '12abc', '-3', 'Tue', 'Sunday, garbage 99', 'Mon, 1', 'Sun, 01 Mar 2026', 'Sun, 01 Mar 2026 00:00:09 PST'])('%j is not understood: no wait, and a 503 is not retried', async (header) => {
    const { error, sent } = await answeredWith(503, header);
    expect(error.retryAfterMs).toBeUndefined();
    expect(sent).toBe(1);
  });

  it('seconds and an HTTP date still count', async () => {
    const now = Date.parse('2026-03-01T00:00:00Z');
    expect((await answeredWith(429, '7', now)).error.retryAfterMs).toBe(7000);
    expect((await answeredWith(429, ' 7 ', now)).error.retryAfterMs).toBe(7000);
    expect((await answeredWith(429, 'Sun, 01 Mar 2026 00:00:09 GMT', now)).error.retryAfterMs).toBe(9000);
    // The two obsolete forms HTTP still accepts: RFC 850 and asctime.
    expect((await answeredWith(429, 'Sunday, 01-Mar-26 00:00:05 GMT', now)).error.retryAfterMs).toBe(5000);
    expect((await answeredWith(429, 'Sun Mar  1 00:00:04 2026', now)).error.retryAfterMs).toBe(4000);
    // A date already past means "now", as the standard says.
    expect((await answeredWith(429, 'Sat, 28 Feb 2026 23:00:00 GMT', now)).error.retryAfterMs).toBe(0);
  });
});
