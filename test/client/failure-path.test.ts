// The failure path (classify.ts, loaded by the classify step) is a separate module: in a browser bundle it
// loads only when an attempt does not simply succeed; in Node it loads with the client. A call still fails with a KrakenError when it
// cannot be loaded (a browser offline, a chunk gone after a deploy).
import { afterEach, expect, it, vi } from 'vitest';
import type { KrakenDocument } from '../../src/core/document.js';
import type * as Runtime from '../../src/core/runtime.js';

const RECOVERY = '../../src/client/classify.js';
const RUNTIME = '../../src/core/runtime.js';
const document: KrakenDocument<{ ping: boolean }, Record<string, never>> = {
  kraken: { operationName: 'Ping', text: 'mutation Ping { ping }', endpoint: 'api' },
};
const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const answers = (status: number, body: unknown) => () => Promise.resolve(json(status, body));

afterEach(() => {
  vi.useRealTimers();
  vi.doUnmock(RECOVERY);
  vi.doUnmock(RUNTIME);
  vi.resetModules();
});

async function freshClient(fetch: () => Promise<Response>) {
  const { createKrakenClient, isKrakenError } = await import('../../src/client/index.js');
  return { client: createKrakenClient({ endpoint: 'https://kraken.example.test/graphql/', fetch, retry: false }), isKrakenError };
}

function watchRecoveryLoads() {
  const loaded = vi.fn();
  vi.doMock(RECOVERY, async (importOriginal) => {
    loaded();
    return importOriginal();
  });
  return loaded;
}

it('where bytes count (not Node), a plain success never loads the failure path; the first GraphQL error does', async () => {
  vi.resetModules();
  vi.doMock(RUNTIME, async (importOriginal) => ({ ...(await importOriginal<typeof Runtime>()), preloadInNode: () => undefined }));
  const loaded = watchRecoveryLoads();
  const { client } = await freshClient(answers(200, { data: { ping: true } }));
  await expect(client.request(document)).resolves.toEqual({ ping: true });
  await expect(client.request(document)).resolves.toEqual({ ping: true });
  await vi.dynamicImportSettled();
  expect(loaded).not.toHaveBeenCalled();

  const failing = await freshClient(answers(200, { data: null, errors: [{ message: 'No.', extensions: { errorCode: 'KT-CT-4321' } }] }));
  const error: unknown = await failing.client.request(document).catch((caught: unknown) => caught);
  expect(loaded).toHaveBeenCalledTimes(1);
  expect(error).toMatchObject({ kind: 'graphql', code: 'KT-CT-4321', attempts: 1 });
});

it('in Node the failure path is loaded when the client is created, before any call', async () => {
  vi.resetModules();
  const loaded = watchRecoveryLoads();
  await freshClient(answers(200, { data: { ping: true } }));
  await vi.dynamicImportSettled();
  expect(loaded).toHaveBeenCalledTimes(1);
});

it('on fake timers, a 429 with Retry-After is retried when the test advances the clock (no real I/O between the failure and its retry)', async () => {
  vi.resetModules();
  const { createKrakenClient } = await import('../../src/client/index.js');
  const fetch = vi
    .fn<() => Promise<Response>>()
    .mockResolvedValueOnce(json(429, { message: 'slow down' }, { 'retry-after': '1' }))
    .mockResolvedValueOnce(json(200, { data: { ping: true } }));
  const client = createKrakenClient({ endpoint: 'https://kraken.example.test/graphql/', fetch });
  // What a test file does between creating its client and its first test (collecting, hooks).
  await vi.dynamicImportSettled();
  vi.useFakeTimers();
  const call = client.request(document);
  await vi.advanceTimersByTimeAsync(1_000);
  await expect(call).resolves.toEqual({ ping: true });
  expect(fetch).toHaveBeenCalledTimes(2);
}, 10_000);

it('when the failure path cannot be loaded, the call fails with a KrakenError saying so, and the next failure loads it again', async () => {
  vi.resetModules();
  vi.doMock(RECOVERY, () => {
    throw new Error('Failed to fetch dynamically imported module');
  });
  const { client, isKrakenError } = await freshClient(answers(502, { message: 'bad gateway' }));
  const error: unknown = await client.request(document).catch((caught: unknown) => caught);
  expect(isKrakenError(error)).toBe(true);
  expect(error).toMatchObject({ kind: 'http', status: 502, operationName: 'Ping', stage: 'request', mayHaveReachedServer: true });
  expect((error as Error).message).toMatch(/^Ping failed; the code that tells why could not be loaded\.$/);
  const safe = await client.safeRequest(document);
  expect(isKrakenError(safe.error)).toBe(true);

  vi.doUnmock(RECOVERY);
  const next: unknown = await client.request(document).catch((caught: unknown) => caught);
  expect(next).toMatchObject({ kind: 'http', status: 502, message: expect.stringContaining('not a GraphQL response') });
});
