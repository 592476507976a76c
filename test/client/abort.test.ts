// The call deadline: one timer per timeout length, not one per call, and still on time.
import { describe, expect, it, vi } from 'vitest';
import { getEventListeners } from 'node:events';
import { createCallAbort } from '../../src/core/abort.js';
import { createKrakenClient } from '../../src/client/index.js';
import { CloseOpenPrintBatchDocument } from '../../src/brands/st.js';

const aborted = (signal: AbortSignal | undefined): Promise<number> =>
  new Promise((resolve) => signal?.addEventListener('abort', () => resolve(Date.now()), { once: true }));

describe('createCallAbort', () => {
  it('aborts a call that outlives its timeout, naming the timeout', async () => {
    const started = Date.now();
    const abort = createCallAbort(undefined, 30);
    const at = await aborted(abort.signal);
    expect(at - started).toBeGreaterThanOrEqual(29);
    expect(abort.reason()).toBe('timeout');
    expect(abort.signal?.reason).toBeInstanceOf(DOMException);
    abort.dispose();
  });

  it('a call started after an earlier one finished still gets its whole timeout', async () => {
    const first = createCallAbort(undefined, 60);
    await new Promise((resolve) => setTimeout(resolve, 30));
    first.dispose(); // finished: its deadline is forgotten, the shared timer still points at it
    const startedSecond = Date.now();
    const second = createCallAbort(undefined, 60);
    const at = await aborted(second.signal);
    expect(first.signal?.aborted).toBe(false);
    expect(at - startedSecond).toBeGreaterThanOrEqual(59);
    expect(second.reason()).toBe('timeout');
  });

  it('a disposed call is never aborted', async () => {
    const abort = createCallAbort(undefined, 10);
    abort.dispose();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(abort.signal?.aborted).toBe(false);
  });

  it("follows the caller's signal and leaves no listener on it once disposed", () => {
    const caller = new AbortController();
    const added: unknown[] = [];
    const removed: unknown[] = [];
    const signal = caller.signal;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((type: string, listener: EventListener, options?: AddEventListenerOptions) => {
      added.push(listener);
      add(type, listener, options);
    }) as typeof signal.addEventListener;
    signal.removeEventListener = ((type: string, listener: EventListener) => {
      removed.push(listener);
      remove(type, listener);
    }) as typeof signal.removeEventListener;
    const finished = createCallAbort(signal, 1_000);
    finished.dispose();
    expect(removed).toEqual(added);
    const running = createCallAbort(signal, 0);
    caller.abort(new Error('stop'));
    expect(running.signal?.aborted).toBe(true);
    expect(running.reason()).toBe('abort');
    running.dispose();
  });

  it('needs no signal at all without a timeout or a caller signal', () => {
    expect(createCallAbort(undefined, 0).signal).toBeUndefined();
  });

  it('calls without a signal started together share one AbortController, and each still gets its whole timeout', () => {
    // A clock of our own: on a busy machine two calls a line apart can fall in different milliseconds.
    vi.useFakeTimers({ now: 1_000_000 });
    try {
      const timeoutMs = 4_000; // a length no other test uses: a cohort of its own
      const first = createCallAbort(undefined, timeoutMs);
      vi.advanceTimersByTime(timeoutMs / 100); // still inside the cohort's 1% window
      const second = createCallAbort(undefined, timeoutMs);
      expect(second.signal).toBe(first.signal);
      first.dispose(); // one member finishing does not stop the cohort's deadline for the others
      vi.advanceTimersByTime(timeoutMs - 1); // the second call has had all but 1 ms of its timeout
      expect(second.signal?.aborted).toBe(false);
      vi.advanceTimersByTime(1);
      expect(second.signal?.aborted).toBe(true);
      expect(second.reason()).toBe('timeout');
      second.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a cohort holds a bounded number of calls (so a shared signal collects few listeners)', () => {
    const calls = Array.from({ length: 200 }, () => createCallAbort(undefined, 60_000));
    const signals = new Set(calls.map((call) => call.signal));
    expect(signals.size).toBeGreaterThan(1);
    expect(signals.size).toBeLessThanOrEqual(200 / 32);
    for (const call of calls) call.dispose();
  });

  it('many calls waiting on one token add one abort listener to their shared signal, not one each', async () => {
    let release: (token: string) => void = () => undefined;
    const token = new Promise<string>((resolve) => (release = resolve));
    const seen: AbortSignal[] = [];
    const client = createKrakenClient({
      endpoint: 'https://kraken.example/graphql/',
      auth: { getToken: () => token },
      fetch: (_url, init) => {
        if (init?.signal) seen.push(init.signal);
        return Promise.resolve(new Response('{"data":{"closeOpenPrintBatch":null}}', { headers: { 'content-type': 'application/json' } }));
      },
    });
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const calls = Array.from({ length: 50 }, () => client.request(CloseOpenPrintBatchDocument));
      await new Promise((resolve) => setTimeout(resolve, 20));
      release('a-token');
      await Promise.all(calls);
      // Each fetch has a signal of its own (aborted when its body is left unread), each with undici's listener at most;
      // the shared signal they follow is reached through one listener (abort.ts onAbortOf).
      expect(new Set(seen).size).toBe(50);
      for (const signal of seen) expect(getEventListeners(signal, 'abort').length).toBeLessThanOrEqual(1);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
  // Found reading the change: each call waiting for a store's pause added a listener of its own to the signal of its
  // attempt's bound, shared by a cohort of up to 64 calls (51 on one signal for 50 calls).
  it('many calls waiting for a store\'s pause add one abort listener to their shared signal, not one each', async () => {
    let most = 0;
    const original = AbortSignal.prototype.addEventListener;
    const counting = vi.spyOn(AbortSignal.prototype, 'addEventListener').mockImplementation(function (this: AbortSignal, ...args: Parameters<AbortSignal['addEventListener']>) {
      original.apply(this, args);
      most = Math.max(most, getEventListeners(this, 'abort').length);
    });
    try {
      const slowPause = { get: () => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 30)), set: () => Promise.resolve() };
      const client = createKrakenClient({
        endpoint: 'https://kraken.example/graphql/',
        auth: { token: 'tenant-token-pause' },
        store: { get: () => Promise.resolve(undefined), set: () => Promise.resolve(), pause: slowPause },
        fetch: () => Promise.resolve(new Response('{"data":{"closeOpenPrintBatch":null}}', { headers: { 'content-type': 'application/json' } })),
      });
      await Promise.all(Array.from({ length: 50 }, () => client.request(CloseOpenPrintBatchDocument)));
    } finally {
      counting.mockRestore();
    }
    expect(most).toBeLessThanOrEqual(2);
  });
});
