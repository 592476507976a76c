// Step: the `beforeError` hooks, once per call, just before it rejects: each may replace the error.
import { KrakenError } from '../../core/errors.js';
import type { Step } from '../chain.js';
import { hookCallOf } from '../hooks.js';

export const beforeError: Step = async (call, next) => {
  const hooks = call.hooks?.beforeError;
  if (hooks === undefined) return next(call);
  try {
    return await next(call);
  } catch (error) {
    if (!(error instanceof KrakenError)) throw error;
    let current = error;
    for (const hook of hooks) {
      const replaced = await hook({ ...hookCallOf(call), error: current });
      if (replaced instanceof KrakenError) current = replaced;
    }
    throw current;
  }
};
