// Step: the `beforeRequest` and `afterResponse` hooks, around each attempt (their body loads the first time
// a call has some). They run before the token is set: the headers a hook sees never hold an Authorization.
import { onFirstNeed, preloadInNode } from '../../core/runtime.js';
import type { Step } from '../chain.js';

const loadHooks = onFirstNeed(() => import('../hooks-run.js'));
preloadInNode(loadHooks);

export const requestHooks: Step = (call, next) =>
  call.hooks?.beforeRequest === undefined && call.hooks?.afterResponse === undefined ? next(call) : loadHooks().then((hooks) => hooks.aroundAttempt(call, next));
