import type { LoginCredentials } from '../session/types.js';

/** Credentials come from the environment only: flags end up in shell history. */
export const AUTH_ENV_NAMES = ['KRAKEN_TOKEN', 'KRAKEN_API_KEY', 'KRAKEN_EMAIL', 'KRAKEN_PASSWORD'] as const;

export class EnvAuthError extends Error {
  override readonly name = 'EnvAuthError';
}

/** The token or login credentials the environment gives, or undefined for an anonymous pull. Never echoes a value. */
export function authFromEnv(env: Readonly<Record<string, string | undefined>>): { readonly token: string } | LoginCredentials | undefined {
  const set = (name: string): string | undefined => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const token = set('KRAKEN_TOKEN');
  const apiKey = set('KRAKEN_API_KEY');
  const email = set('KRAKEN_EMAIL');
  const password = set('KRAKEN_PASSWORD');
  const given = [token && 'KRAKEN_TOKEN', apiKey && 'KRAKEN_API_KEY', (email || password) && 'KRAKEN_EMAIL/KRAKEN_PASSWORD'].filter(Boolean);
  if (given.length > 1) throw new EnvAuthError(`set only one of KRAKEN_TOKEN, KRAKEN_API_KEY or KRAKEN_EMAIL/KRAKEN_PASSWORD (found ${given.join(' and ')})`);
  if (token) return { token };
  if (apiKey) return { apiKey };
  if (email || password) {
    if (!email || !password) throw new EnvAuthError(`KRAKEN_EMAIL and KRAKEN_PASSWORD go together: ${email ? 'KRAKEN_PASSWORD' : 'KRAKEN_EMAIL'} is not set`);
    return { email, password };
  }
  return undefined;
}
