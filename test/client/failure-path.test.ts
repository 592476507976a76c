// The failure path (recovery.ts) is loaded only when an attempt does not simply succeed, and a call
// still fails with a KrakenError when it cannot be loaded (a browser offline, a chunk gone after a deploy).
import { afterEach, expect, it, vi } from 'vitest';
import type { KrakenDocument } from '../../src/client/document.js';

const RECOVERY = '../../src/client/recovery.js';
const document: KrakenDocument<{ ping: boolean }, Record<string, never>> = {
  kraken: { operationName: 'Ping', text: 'mutation Ping { ping }', endpoint: 'api' },
};
const answers = (status: number, body: unknown) => () => Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

afterEach(() => {
  vi.doUnmock(RECOVERY);
  vi.resetModules();
});

async function freshClient(fetch: () => Promise<Response>) {
  const { createKrakenClient, isKrakenError } = await import('../../src/client/index.js');
  return { client: createKrakenClient({ endpoint: 'https://kraken.example.test/graphql/', fetch, retry: false }), isKrakenError };
}

it('a plain success never loads the failure path; the first GraphQL error does', async () => {
  vi.resetModules();
  const loaded = vi.fn();
  vi.doMock(RECOVERY, async (importOriginal) => {
    loaded();
    return importOriginal();
  });
  const { client } = await freshClient(answers(200, { data: { ping: true } }));
  await expect(client.request(document)).resolves.toEqual({ ping: true });
  await expect(client.request(document)).resolves.toEqual({ ping: true });
  expect(loaded).not.toHaveBeenCalled();

  const failing = await freshClient(answers(200, { data: null, errors: [{ message: 'No.', extensions: { errorCode: 'KT-CT-4321' } }] }));
  const error: unknown = await failing.client.request(document).catch((caught: unknown) => caught);
  expect(loaded).toHaveBeenCalledTimes(1);
  expect(error).toMatchObject({ kind: 'graphql', code: 'KT-CT-4321', attempts: 1 });
});

it('when the failure path cannot be loaded, the call fails with a KrakenError saying so, and the next failure loads it again', async () => {
  vi.resetModules();
  vi.doMock(RECOVERY, () => {
    throw new Error('Failed to fetch dynamically imported module');
  });
  const { client, isKrakenError } = await freshClient(answers(502, { message: 'bad gateway' }));
  const error: unknown = await client.request(document).catch((caught: unknown) => caught);
  expect(isKrakenError(error)).toBe(true);
  expect(error).toMatchObject({ kind: 'http', status: 502, operationName: 'Ping', stage: 'request', mayHaveReachedServer: true });
  expect((error as Error).message).toMatch(/^Ping: the call failed, and the code that tells why .* could not be loaded; it was not retried\.$/);
  const safe = await client.safeRequest(document);
  expect(isKrakenError(safe.error)).toBe(true);

  vi.doUnmock(RECOVERY);
  const next: unknown = await client.request(document).catch((caught: unknown) => caught);
  expect(next).toMatchObject({ kind: 'http', status: 502, message: expect.stringContaining('not a GraphQL response') });
});
