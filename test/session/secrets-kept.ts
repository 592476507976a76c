// An msw server for a session test file that checks, once the file's tests are done, that no error they produced
// shows a secret they used (the credentials given, and every token and refresh token the mock issued).
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { setupServer } from 'msw/node';
import type { Traffic } from './traffic.js';

export function mswKeepingSecrets(credentials: readonly string[], traffic: () => Traffic) {
  const server = setupServer();
  const producedErrors = new Set<unknown>();
  const usedSecrets = new Set<string>(credentials);
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    for (const issued of traffic().issued()) usedSecrets.add(issued.token).add(issued.refreshToken);
  });
  afterAll(() => {
    server.close();
    for (const error of producedErrors) {
      const renderings = [String(error), JSON.stringify(error), inspect(error, { depth: Infinity })];
      for (const text of renderings) for (const secret of usedSecrets) expect(text).not.toContain(secret);
    }
  });
  return { server, producedErrors, usedSecrets };
}
