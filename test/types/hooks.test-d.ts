// Issue 30: the hooks' state objects are typed; a hook of the wrong shape does not compile.
import { expectTypeOf, it } from 'vitest';
import { createKrakenClient, KrakenError } from 'kraken-sdk';
import type { AfterResponseState, BeforeErrorState, BeforeRequestState, BeforeRetryState, KrakenHooks } from 'kraken-sdk';

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
