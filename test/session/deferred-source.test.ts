// deferredTokenSource (src/session/token-source.ts): whatever the loaded code does, a caller waiting for a token is answered.
import { describe, expect, it } from 'vitest';
import { deferredTokenSource } from '../../src/session/token-source.js';

describe('a token source loaded on first need', () => {
  it('rejects (never hangs) when making the source throws, and tries again on the next need', async () => {
    let makes = 0;
    const source = deferredTokenSource(
      () => Promise.resolve('module'),
      () => {
        makes += 1;
        throw new RangeError('cannot make the source');
      },
    );
    await expect(source.token()).rejects.toThrow('cannot make the source');
    await expect(source.info()).rejects.toThrow('cannot make the source');
    expect(makes).toBe(2);
  });

  it('rejects when the code cannot load', async () => {
    const source = deferredTokenSource(() => Promise.reject(new TypeError('offline')), () => ({ token: () => Promise.resolve('t'), tokenRejected: () => Promise.resolve(undefined), info: () => Promise.resolve(undefined), logout: () => Promise.resolve() }));
    await expect(source.token()).rejects.toThrow('offline');
  });
});
