// The call deadline: one timer per timeout length, not one per call, and still on time.
import { describe, expect, it } from 'vitest';
import { createCallAbort } from '../../src/client/abort.js';

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
});
