// Issue 20, in one process: a rate limit with a known end pauses every client sharing the store (the
// memory store here; test/fleet/pause.test.ts does it with processes on Redis). During the pause a call
// waits when the pause ends within its retry policy, else fails at once having sent nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockKrakenServer } from '../../mocks/node.js';
import type { MockKrakenServer } from '../../mocks/node.js';
import { CloseOpenPrintBatchDocument, createKrakenClient } from '../../src/brands/st.js';
import { createMemorySessionStore } from '../../src/client/index.js';
import type { KrakenClientOptions, SessionStore } from '../../src/client/index.js';
import { loginWith } from '../../src/index.js';

let kraken: MockKrakenServer;
beforeAll(async () => {
  kraken = await startMockKrakenServer({ brand: 'st' });
});
afterAll(() => kraken?.close());

const API_KEY = 'sk_test_pause_key';
const clientOn = (store: SessionStore, options: Partial<KrakenClientOptions> = {}) =>
  createKrakenClient({ endpoint: kraken.apiUrl, auth: loginWith({ apiKey: API_KEY }), store, ...options });
const rateLimited = (seconds: number) => ({ headers: { 'x-kraken-mock-scenario': `rate-limit=${seconds}` } });
const sent = () => kraken.state.countOf('closeOpenPrintBatch');

describe('the rate-limit pause, shared through the session store', () => {
  it('after KT-CT-1199 with a 120 s Retry-After, other clients of the store fail at once with rate-limit, sending nothing', async () => {
    const store = createMemorySessionStore();
    const first = clientOn(store);
    const others = [clientOn(store), clientOn(store), clientOn(store)];
    await Promise.all(others.map((client) => client.request(CloseOpenPrintBatchDocument)));
    const met = await first.request(CloseOpenPrintBatchDocument, undefined, rateLimited(120)).catch((error: unknown) => error);
    expect(met).toMatchObject({ kind: 'rate-limit', retryAfterMs: 120_000 });
    const before = sent();
    const logins = kraken.state.obtainKrakenTokenCalls;
    const startedAt = performance.now();
    const failures = await Promise.all(others.map((client) => client.request(CloseOpenPrintBatchDocument).catch((error: unknown) => error)));
    expect(performance.now() - startedAt).toBeLessThan(1000);
    for (const failure of failures) {
      expect(failure).toMatchObject({ kind: 'rate-limit', mayHaveReachedServer: false, attempts: 0, operationName: 'CloseOpenPrintBatch' });
      expect((failure as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(118_000);
      expect((failure as Error).message).toMatch(/not sent: this identity is rate-limited \(KT-CT-1199\) until /);
    }
    expect(sent() - before).toBe(0);
    // A client of the same identity that has not logged in yet does not log in during the pause either.
    const newcomer = clientOn(store);
    await expect(newcomer.request(CloseOpenPrintBatchDocument)).rejects.toMatchObject({ kind: 'rate-limit', mayHaveReachedServer: false });
    expect(kraken.state.obtainKrakenTokenCalls).toBe(logins);
  });

  it('a pause that ends within the retry policy is waited out: the call is sent once, after it', async () => {
    const store = createMemorySessionStore();
    const first = clientOn(store, { retry: false });
    const other = clientOn(store);
    await other.request(CloseOpenPrintBatchDocument);
    await first.request(CloseOpenPrintBatchDocument, undefined, rateLimited(1)).catch(() => undefined);
    const before = sent();
    const startedAt = performance.now();
    await expect(other.request(CloseOpenPrintBatchDocument)).resolves.toBeDefined();
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(900);
    expect(sent() - before).toBe(1);
  });

  it('retry: false fails at once even for a short pause; a signal ends the wait', async () => {
    const store = createMemorySessionStore();
    const first = clientOn(store, { retry: false });
    await first.request(CloseOpenPrintBatchDocument, undefined, rateLimited(5)).catch(() => undefined);
    await expect(clientOn(store, { retry: false }).request(CloseOpenPrintBatchDocument)).rejects.toMatchObject({ kind: 'rate-limit', mayHaveReachedServer: false });
    const controller = new AbortController();
    const waiting = clientOn(store).request(CloseOpenPrintBatchDocument, undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(waiting).rejects.toMatchObject({ kind: 'network', reason: 'abort' });
  });

  it('an absurd Retry-After is clamped to an hour; clients with another store are not paused', async () => {
    const store = createMemorySessionStore();
    await clientOn(store, { retry: false }).request(CloseOpenPrintBatchDocument, undefined, rateLimited(999_999)).catch(() => undefined);
    const paused = await clientOn(store, { retry: false }).request(CloseOpenPrintBatchDocument).catch((error: unknown) => error);
    expect((paused as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(3_600_000);
    expect((paused as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(3_590_000);
    await expect(clientOn(createMemorySessionStore()).request(CloseOpenPrintBatchDocument)).resolves.toBeDefined();
  });

  it('without a store the pause stays with the client that met it', async () => {
    const alone = createKrakenClient({ endpoint: kraken.apiUrl, auth: loginWith({ apiKey: API_KEY }), retry: false });
    await alone.request(CloseOpenPrintBatchDocument, undefined, rateLimited(60)).catch(() => undefined);
    const before = sent();
    await expect(alone.request(CloseOpenPrintBatchDocument)).rejects.toMatchObject({ kind: 'rate-limit', mayHaveReachedServer: false });
    expect(sent()).toBe(before);
    await expect(createKrakenClient({ endpoint: kraken.apiUrl, auth: loginWith({ apiKey: API_KEY }) }).request(CloseOpenPrintBatchDocument)).resolves.toBeDefined();
  });
});
