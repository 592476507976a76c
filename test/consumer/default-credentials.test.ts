// Issue 10 item 9: an app's tests use their own credentials and tokens; the default mock accepts them.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { krakenHandlers } from 'kraken-sdk/mocks';
import * as st from 'kraken-sdk/st';
import { loginWith } from '../../src/index.js';

const server = setupServer(...krakenHandlers({ brand: 'st' }));
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const quote = { input: { quoteId: 'q-1' } };

/** A token the app got from its own backend: JWT-shaped, signed by someone else, valid for an hour. */
function appToken(): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ sub: 'kraken|account-user:42', exp })}.${Buffer.from('sig').toString('base64url')}`;
}

describe('the default mock and an app of its own', () => {
  it("logs in with the app's own email and password", async () => {
    const client = st.createKrakenClient({ auth: loginWith({ email: 'test@myapp.dev', password: 'hunter2' }) });
    expect((await client.safeRequest(st.AcceptGoodsQuoteDocument, quote)).error).toBeUndefined();
  });

  it('logs in with any API key', async () => {
    const client = st.createKrakenClient({ auth: loginWith({ apiKey: 'sk_live_from_my_env' }) });
    expect((await client.safeRequest(st.AcceptGoodsQuoteDocument, quote)).error).toBeUndefined();
  });

  it('accepts a token the app got elsewhere, as { token } and from getToken', async () => {
    const token = appToken();
    const fixed = st.createKrakenClient({ auth: { token } });
    expect((await fixed.safeRequest(st.AcceptGoodsQuoteDocument, quote)).error).toBeUndefined();
    const supplied = st.createKrakenClient({ auth: { getToken: () => Promise.resolve(token) } });
    expect((await supplied.safeRequest(st.AcceptGoodsQuoteDocument, quote)).error).toBeUndefined();
  });

  it('still refuses a token that is not a JWT (KT-CT-1111)', async () => {
    const client = st.createKrakenClient({ auth: { token: 'not-a-jwt' } });
    expect((await client.safeRequest(st.AcceptGoodsQuoteDocument, quote)).error?.code).toBe('KT-CT-1111');
  });
});
