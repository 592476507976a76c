// Issue 10 items 3 and 4: isKrakenError across builds and copies of the package, and for every failure of a call.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createKrakenClient, isKrakenError, KrakenError } from 'kraken-sdk';
import type * as KrakenSdk from 'kraken-sdk';
import * as st from 'kraken-sdk/st';
import { closedPortUrl, json, startServer } from './http-server.js';
import { loginWith } from 'kraken-sdk';

const scratch = mkdtempSync(join(tmpdir(), 'kraken-error-copy-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Another copy of the package's root, bundled as CommonJS (as a second install or the CJS build would be). */
async function loadCommonJsCopy(): Promise<typeof KrakenSdk> {
  const outfile = join(scratch, 'copy.cjs');
  await build({
    entryPoints: [fileURLToPath(new URL('../../src/index.ts', import.meta.url))],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    outfile,
    logLevel: 'silent',
  });
  return createRequire(import.meta.url)(outfile) as typeof KrakenSdk;
}

describe('isKrakenError across builds and copies (item 3)', () => {
  it('an error of a CommonJS copy is recognised by this ESM copy, and the other way round', async () => {
    const copy = await loadCommonJsCopy();
    expect(copy.KrakenError).not.toBe(KrakenError);
    const foreign = new copy.KrakenError({ kind: 'http', message: 'from the other copy', status: 502, operationName: 'AcceptGoodsQuote' });
    const local = new KrakenError({ kind: 'network', message: 'from this copy' });
    expect(isKrakenError(foreign)).toBe(true);
    expect(foreign instanceof KrakenError).toBe(true);
    expect(copy.isKrakenError(local)).toBe(true);
    expect(local instanceof copy.KrakenError).toBe(true);
    expect(isKrakenError(foreign, st.AcceptGoodsQuoteDocument)).toBe(true);
  });

  it('look-alikes are not KrakenErrors', () => {
    expect(isKrakenError(new Error('x'))).toBe(false);
    expect(isKrakenError({ name: 'KrakenError', kind: 'http', message: 'forged' })).toBe(false);
    expect(isKrakenError(null)).toBe(false);
    expect({ name: 'KrakenError' } instanceof KrakenError).toBe(false);
  });
});

describe('the README pattern catches a failed login of the call (item 4)', () => {
  const CallDocument = st.CloseOpenPrintBatchDocument;

  it('a refused login: isKrakenError(e, Document) holds; kind auth, stage login, the login code, the call named', async () => {
    const server = await startServer((request, response) =>
      json(response, {
        data: { obtainKrakenToken: null },
        errors: [{ message: 'Invalid credentials.', extensions: { errorCode: 'KT-CT-1138' } }],
      }),
    );
    try {
      const client = st.createKrakenClient({ endpoint: server.url, auth: loginWith({ email: 'me@example.com', password: 'wrong' }), retry: false });
      const error: unknown = await client.request(CallDocument).catch((reason: unknown) => reason);
      expect(isKrakenError(error, CallDocument)).toBe(true);
      if (!isKrakenError(error, CallDocument)) return;
      expect(error.kind).toBe('auth');
      expect(error.stage).toBe('login');
      expect(error.code).toBe('KT-CT-1138');
      expect(error.operationName).toBe('CloseOpenPrintBatch');
      expect(error.message).toMatch(/^CloseOpenPrintBatch: the CloseOpenPrintBatch request was not sent: its login failed: .*KT-CT-1138/);
      expect(error.mayHaveReachedServer).toBe(false);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('a login that cannot reach the server: also caught, stage login, with the network details', async () => {
    const client = st.createKrakenClient({ endpoint: await closedPortUrl(), auth: loginWith({ apiKey: 'key' }), retry: false });
    const error: unknown = await client.request(CallDocument).catch((reason: unknown) => reason);
    expect(isKrakenError(error, CallDocument)).toBe(true);
    expect(error).toMatchObject({ kind: 'network', stage: 'login', systemCode: 'ECONNREFUSED', operationName: 'CloseOpenPrintBatch' });
  });

  it('a plain document of the user: login failures are caught too', async () => {
    const Mine = parse('mutation Mine { ping }') as TypedDocumentNode<{ ping: boolean }, Record<string, never>>;
    const client = createKrakenClient({ endpoint: await closedPortUrl(), auth: loginWith({ apiKey: 'key' }), retry: false });
    const error: unknown = await client.request(Mine).catch((reason: unknown) => reason);
    expect(isKrakenError(error, Mine)).toBe(true);
    expect(error).toMatchObject({ stage: 'login', operationName: 'Mine' });
  });
});
