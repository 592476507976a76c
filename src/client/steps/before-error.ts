// Step: the `beforeError` hooks, once per call, just before it rejects: each may replace the error.
import { KrakenError } from '../../core/errors.js';
import { onFirstNeed } from '../../core/runtime.js';
import type { Step } from '../chain.js';

const loadHooks = onFirstNeed(() => import('../hooks-run.js'));

export const beforeError: Step = (call, next) =>
  call.hooks?.beforeError === undefined
    ? next(call)
    : next(call).catch(async (error: unknown) => {
        throw error instanceof KrakenError ? await (await loadHooks()).replacedError(call, error) : error;
      });
