// Issue 30: the hooks' state objects are typed; a hook of the wrong shape does not compile.
import { expectTypeOf, it } from 'vitest';
import { createKrakenClient, KrakenError } from 'kraken-sdk';
import { CloseOpenPrintBatchDocument, createKrakenClient as createStClient, defaultTransport } from 'kraken-sdk/st';
import type { AfterResponseState, BeforeErrorState, BeforeRequestState, BeforeRetryState, KrakenHooks } from 'kraken-sdk';
import { loginWith } from 'kraken-sdk';

it('types each state object and what a hook may return', () => {
  const hooks: KrakenHooks = {
    beforeRequest: [(state) => void expectTypeOf(state).toEqualTypeOf<BeforeRequestState>()],
    afterResponse: [(state) => void expectTypeOf(state.codes).toEqualTypeOf<readonly string[]>()],
    beforeRetry: [(state: BeforeRetryState) => state.attempt < 3],
    beforeError: [(state: BeforeErrorState) => new KrakenError({ kind: state.error.kind, message: 'replaced' })],
  };
  createKrakenClient({ endpoint: 'https://api.example.test/graphql/', hooks });
  expectTypeOf<AfterResponseState['status']>().toEqualTypeOf<number | undefined>();
  // @ts-expect-error a beforeRetry hook returns a boolean (or nothing), not a string
  const wrong: KrakenHooks = { beforeRetry: [() => 'no'] };
  // @ts-expect-error beforeError replaces the error with a KrakenError only
  const alsoWrong: KrakenHooks = { beforeError: [() => new Error('plain')] };
  // @ts-expect-error hooks are lists
  const notAList: KrakenHooks = { beforeRequest: () => undefined };
  void [wrong, alsoWrong, notAList];
});

it('README: the Hooks and defaultTransport examples compile as written', () => {
  async function hooksExample(): Promise<void> {
    const kraken = createStClient({
      auth: loginWith({ apiKey: process.env.KRAKEN_API_KEY ?? '' }),
      hooks: {
        beforeRequest: [(state) => void (state.headers['x-request-id'] = crypto.randomUUID())],
        afterResponse: [({ operationName, status, codes }) => console.log(operationName, status, codes)],
        beforeRetry: [({ attempt }) => attempt < 2],
        beforeError: [({ error }) => void console.error(error.kind, error.code)],
      },
    });
    await kraken.request(CloseOpenPrintBatchDocument, undefined, { hooks: { beforeRequest: [(state) => void (state.headers['x-tenant'] = 'north')] } });
  }
  function wrapperExample() {
    const send = defaultTransport();
    return createStClient({ transport: (request) => send({ ...request, headers: { ...request.headers, 'x-tenant': 'north' } }) });
  }
  void [hooksExample, wrapperExample];
});
