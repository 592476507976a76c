// A session store that does not answer, or answers with what no member should have written, never holds a call
// back beyond its bounds nor blocks the fleet: the lease's release, a lease far longer than any holder takes, a
// stored token that cannot be sent, a refusal every process would repeat (trial s11's findings).
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemorySessionStore } from '../../src/client/index.js';
import type { KrakenAuth, KrakenClientOptions, KrakenError, Session, SessionStore } from '../../src/client/index.js';
import { CloseOpenPrintBatchDocument, createKrakenClient } from '../../src/brands/st.js';
import { createKrakenMock } from 'kraken-sdk/mocks';
import { recordTraffic } from './traffic.js';
import { mswKeepingSecrets } from './secrets-kept.js';
import type { Traffic } from './traffic.js';
import { loginWith } from '../../src/index.js';

const API_KEY = 'sk_live_store_bounds_secret';
const CallDocument = CloseOpenPrintBatchDocument;
const ANSWERED = { closeOpenPrintBatch: { printBatch: { __typename: 'PrintBatchType' } } };

const { server, producedErrors, usedSecrets } = mswKeepingSecrets([API_KEY], () => traffic);

let traffic: Traffic;
let warnings: KrakenError[];

beforeEach(() => {
  const kraken = createKrakenMock({ brand: 'st', credentials: { apiKeys: [API_KEY] } });
  server.use(...kraken.handlers);
  traffic = recordTraffic();
  warnings = [];
});

function clientWith(extra: Partial<KrakenClientOptions> = {}, auth: KrakenAuth = loginWith({ apiKey: API_KEY })) {
  // This test's list: a warning an earlier test's store gives late does not land in it.
  const into = warnings;
  return createKrakenClient({
    fetch: traffic.fetch,
    auth,
    retry: false,
    onWarning: (warning) => {
      into.push(warning);
      producedErrors.add(warning);
    },
    ...extra,
  });
}

const loginCalls = () => traffic.logins().length;
const never = <T>(): Promise<T> => new Promise<T>(() => {});

/** A one-process store with a lease; `lease` overrides what its acquire hands out or how long the lease has left. */
function leasedStore(lease: { release?: () => Promise<void>; expiresInMs?: () => Promise<number | undefined>; taken?: boolean }): SessionStore {
  let session: Session | undefined;
  return {
    get: () => Promise.resolve(session),
    set: (value) => ((session = value), Promise.resolve()),
    lease: {
      ttlMs: 200,
      acquire: () => Promise.resolve(lease.taken ? undefined : { release: lease.release ?? (() => Promise.resolve()), extend: () => Promise.resolve(true) }),
      ...(lease.expiresInMs && { expiresInMs: lease.expiresInMs }),
    },
  };
}

describe("the lease's release is bounded like every store operation, and the call does not wait for it", () => {
  it.each([3000, 0])('a release() that never settles (timeoutMs %i): the call that logged in gets its answer, one login, one warning at most', async (timeoutMs) => {
    const client = clientWith({ store: leasedStore({ release: never }), timeoutMs });
    const result = await client.safeRequest(CallDocument);
    expect(result.error).toBeUndefined();
    expect(result.data).toMatchObject(ANSWERED);
    expect(await client.request(CallDocument)).toMatchObject(ANSWERED);
    expect(loginCalls()).toBe(1);
    // The release's bound (2 s) passes: it is reported once, as a store warning.
    await new Promise((resolve) => setTimeout(resolve, 2200));
    expect(warnings.map((warning) => [warning.kind, warning.message])).toEqual([['store', expect.stringContaining('lease.release')]]);
  }, 10_000);

  it('a store gone mid-login (set and release both fail): the call gets its answer, one store warning for the outage, not one per operation', async () => {
    const gone = leasedStore({ release: () => Promise.reject(new Error('connection lost')) });
    const store: SessionStore = { ...gone, set: () => Promise.reject(new Error('connection lost')) };
    const client = clientWith({ store });
    expect(await client.request(CallDocument)).toMatchObject(ANSWERED);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(warnings.map((warning) => warning.kind)).toEqual(['store']);
    expect(loginCalls()).toBe(1);
  });
});

describe('a token an HTTP header cannot carry is no session: neither adopted from the store nor kept from a login', () => {
  /** A store shared by the clients of one test (two processes of a fleet), recording what it is given. */
  const sharedStore = () => {
    const store = { session: undefined as Session | undefined, written: [] as Session[], get: () => Promise.resolve(store.session), set: (value: Session | undefined) => ((store.session = value), value && store.written.push(value), Promise.resolve()) };
    return store;
  };

  it.each([
    ['CR LF and a header', '\r\nX-Injected: 1'],
    ['U+0100', '\u0100'],
    ['U+2028', '\u2028'],
    ['a space', ' x'],
  ])('a stored token holding %s (after its claims): one store warning, a fresh login, calls succeed', async (_name, bad) => {
    const store = sharedStore();
    await clientWith({ store }).request(CallDocument);
    store.session = { ...(store.session as Session), token: `${store.session?.token}${bad}` };
    const process = clientWith({ store });
    for (let index = 0; index < 3; index += 1) expect(await process.request(CallDocument)).toMatchObject(ANSWERED);
    expect(warnings.map((warning) => [warning.kind, warning.message])).toEqual([['store', expect.stringContaining('HTTP header')]]);
    expect(loginCalls()).toBe(2);
    expect(store.session?.token).toMatch(/^[\x21-\x7e]+$/);
  });

  it('a login answer with such a token is refused (auth, stage login) and never stored: another process logs in itself', async () => {
    const store = sharedStore();
    let poison = true;
    const poisoning: typeof fetch = async (input, init) => {
      const response = await traffic.fetch(input, init);
      if (!poison || !String(init?.body).includes('obtainKrakenToken')) return response;
      poison = false;
      const answer = (await response.json()) as { data: { obtainKrakenToken: { token: string } } };
      answer.data.obtainKrakenToken.token += '\u0100';
      return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const first = await clientWith({ store, fetch: poisoning }).safeRequest(CallDocument);
    producedErrors.add(first.error);
    expect([first.error?.kind, first.error?.stage]).toEqual(['auth', 'login']);
    expect(first.error?.message).toContain('HTTP header');
    expect(store.written).toEqual([]);
    expect(await clientWith({ store }).request(CallDocument)).toMatchObject(ANSWERED);
    expect(store.written.map((session) => /^[\x21-\x7e]+$/.test(session.token))).toEqual([true]);
  });
});

describe('a store that stops answering: the call bounds every wait for it, and waits for it once at most', () => {
  /** A store (session, lease, pause) that answers until `hung` is set, then never again. */
  const hangingStore = () => {
    let session: Session | undefined;
    const state = { hung: false, commands: 0 };
    const answer = <T>(value: () => T): Promise<T> => ((state.commands += 1), state.hung ? never<T>() : Promise.resolve(value()));
    const store: SessionStore = {
      get: () => answer(() => session),
      set: (value) => answer(() => void (session = value)),
      pause: { get: () => answer(() => undefined), set: () => answer(() => undefined) },
      lease: { ttlMs: 10_000, acquire: () => answer(() => ({ release: () => answer(() => undefined) })) },
    };
    return { state, store };
  };
  const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const startedAt = performance.now();
    const result = await work();
    return [result, performance.now() - startedAt];
  };

  it('a cold call with timeoutMs 200 ends with its timeout (it waited 1 s for the pause read, then its timeout)', async () => {
    const { state, store } = hangingStore();
    state.hung = true;
    const [result, elapsedMs] = await timed(() => clientWith({ store, timeoutMs: 200 }).safeRequest(CallDocument));
    producedErrors.add(result.error);
    expect([result.error?.kind, result.error?.reason]).toEqual(['network', 'timeout']);
    expect(elapsedMs).toBeLessThan(700);
  });

  it("a cold call whose signal fires after 100 ms ends then (it waited out the pause read's 1 s)", async () => {
    const { state, store } = hangingStore();
    state.hung = true;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const [result, elapsedMs] = await timed(() => clientWith({ store }).safeRequest(CallDocument, undefined, { signal: controller.signal }));
    producedErrors.add(result.error);
    expect([result.error?.kind, result.error?.reason]).toEqual(['network', 'abort']);
    expect(elapsedMs).toBeLessThan(600);
  });

  it('a cold call with the defaults waits for the store once (1 s), not for each command in turn (8 s): it logs in, one store warning', async () => {
    const { state, store } = hangingStore();
    state.hung = true;
    const [result, elapsedMs] = await timed(() => clientWith({ store }).safeRequest(CallDocument));
    expect(result.data).toMatchObject(ANSWERED);
    expect(elapsedMs).toBeLessThan(2000);
    expect(loginCalls()).toBe(1);
    expect(warnings.map((warning) => [warning.kind, warning.message])).toEqual([['store', expect.stringContaining('no answer')]]);
  }, 15_000);

  it('a warm client (timeoutMs 200): 5 calls during the hang wait for it half their timeout at most, then not at all; one store warning', async () => {
    const { state, store } = hangingStore();
    const client = clientWith({ store, timeoutMs: 200 });
    await client.request(CallDocument);
    state.hung = true;
    const [, elapsedMs] = await timed(async () => {
      for (let index = 0; index < 5; index += 1) expect(await client.request(CallDocument)).toMatchObject(ANSWERED);
    });
    // 100 ms each at most (half the timeout) until the pause read's 1 s bound finds the store hung: it was 1 s per call.
    expect(elapsedMs).toBeLessThan(900);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    // Skipped now: the calls do not touch the store (one command probes it, and stays unanswered).
    const commandsBefore = state.commands;
    for (let index = 0; index < 3; index += 1) expect(await client.request(CallDocument)).toMatchObject(ANSWERED);
    expect(state.commands - commandsBefore).toBeLessThanOrEqual(1);
    expect(warnings.map((warning) => [warning.kind, warning.message])).toEqual([['store', expect.stringContaining('no answer within 1000 ms')]]);
    expect(loginCalls()).toBe(1);
  }, 15_000);
  it('a store that answers again is used again (one skipped command probes it), and a second hang warns again', async () => {
    const { state, store } = hangingStore();
    const client = clientWith({ store, timeoutMs: 200 });
    await client.request(CallDocument);
    state.hung = true;
    await client.request(CallDocument);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    // Its unanswered commands never settle: only a probe can find it answering.
    state.hung = false;
    await client.request(CallDocument);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const commandsBefore = state.commands;
    for (let index = 0; index < 3; index += 1) await client.request(CallDocument);
    expect(state.commands - commandsBefore).toBeGreaterThanOrEqual(3);
    state.hung = true;
    await client.request(CallDocument);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(warnings.map((warning) => warning.kind)).toEqual(['store', 'store']);
  }, 15_000);
});

describe('a refusal of the credentials is shared through the store: the fleet sends them about once', () => {
  it('10 processes on one memory store, a key Kraken refuses: 1 login attempt (was 10), every process gets the auth error, stage login, naming the code', async () => {
    const store = createMemorySessionStore();
    const REFUSED_KEY = 'sk_live_refused_key_secret';
    usedSecrets.add(REFUSED_KEY);
    const results = [];
    for (let index = 0; index < 10; index += 1) results.push(await clientWith({ store }, loginWith({ apiKey: REFUSED_KEY })).safeRequest(CallDocument));
    for (const result of results) producedErrors.add(result.error);
    expect(loginCalls()).toBe(1);
    expect(results.map((result) => [result.error?.kind, result.error?.stage, result.error?.code])).toEqual(Array.from({ length: 10 }, () => ['auth', 'login', 'KT-CT-1138']));
    expect(results[1]?.error?.message).toMatch(/refused \(KT-CT-1138\) to another process/);
    // Other credentials on the same store are not refused by it.
    expect(await clientWith({ store }).request(CallDocument)).toMatchObject(ANSWERED);
    expect(loginCalls()).toBe(2);
  });
});
