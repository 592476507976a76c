/**
 * `npm run demo`: a typed session against the embedded mock Kraken (a real HTTP server on a free
 * loopback port), or against a real Kraken when KRAKEN_BRAND, KRAKEN_URL and credentials are set.
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { KrakenAuth } from '../src/index.js';
import { startMockKrakenServer } from '../mocks/node.js';
import { runDemoSession } from './session.js';
import { loginWith } from '../src/index.js';

const MOCK_USER = { email: 'user@example.com', password: 'correct-password' };

function authFromEnv(env: NodeJS.ProcessEnv): KrakenAuth | undefined {
  if (env.KRAKEN_EMAIL && env.KRAKEN_PASSWORD) return loginWith({ email: env.KRAKEN_EMAIL, password: env.KRAKEN_PASSWORD });
  if (env.KRAKEN_API_KEY) return loginWith({ apiKey: env.KRAKEN_API_KEY });
  return undefined;
}

function brandFromEnv(env: NodeJS.ProcessEnv): 'st' | 'oejp' {
  const brand = env.KRAKEN_BRAND ?? 'st';
  if (brand !== 'st' && brand !== 'oejp') throw new Error(`KRAKEN_BRAND must be "st" or "oejp", not "${brand}".`);
  return brand;
}

export async function runDemo(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  const brand = brandFromEnv(env);
  const realAuth = authFromEnv(env);
  if (env.KRAKEN_URL && realAuth) {
    log(`Kraken SDK demo: brand ${brand} against ${env.KRAKEN_URL}`);
    await runDemoSession({ brand, apiUrl: env.KRAKEN_URL, authUrl: env.KRAKEN_AUTH_URL, auth: realAuth }, log);
    return;
  }
  let offsetMs = 0;
  const now = (): number => Date.now() + offsetMs;
  const server = await startMockKrakenServer({ brand, port: 0, now, credentials: { users: [MOCK_USER] } });
  try {
    log(`Kraken SDK demo: brand ${brand} against the embedded mock Kraken at ${server.apiUrl}`);
    const { refreshes } = await runDemoSession(
      { brand, apiUrl: server.apiUrl, authUrl: server.authUrl, auth: loginWith(MOCK_USER), now, advanceClock: (ms) => (offsetMs += ms) },
      log,
    );
    const calls = server.state.requests.length;
    log(`Done: ${calls} requests served, ${server.state.obtainKrakenTokenCalls} token calls (${refreshes} refresh).`);
  } finally {
    await server.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runDemo(process.env, (line) => console.log(line)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
