// A refusal of the scope's credentials in Redis: its code only (never a secret nor the server's message), under
// the scope's `refused` key, expiring with it (PX), so that the fleet sends refused credentials once.
import type { SessionStoreRefusal } from '../session/types.js';
import type { RunCommand } from './commands.js';

export function redisRefusal(run: RunCommand, keyOf: () => Promise<string>): SessionStoreRefusal {
  return {
    get: async () => {
      const key = await keyOf();
      const code = await run(key, ['GET', key]);
      return typeof code === 'string' ? code : undefined;
    },
    set: async (code, forMs) => {
      const key = await keyOf();
      await run(key, ['SET', key, code, 'PX', String(Math.max(1, Math.ceil(forMs)))]);
    },
  };
}
