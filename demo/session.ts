import * as st from '../src/brands/st.js';
import type { KrakenAuth, KrakenClientOptions, Session } from '../src/index.js';
import { isKrakenError } from '../src/index.js';

/** Where the demo session runs and how it may move the clock (only the embedded mock can). */
export interface DemoTarget {
  brand: 'st' | 'oejp';
  apiUrl: string;
  authUrl?: string;
  auth: KrakenAuth;
  /** Moves the shared clock forward; absent against a real Kraken, where the demo waits for nothing. */
  advanceClock?: (ms: number) => void;
  now?: () => number;
}

const time = (ms: number | undefined): string =>
  ms === undefined ? 'unknown' : new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** The payload's fields without the deprecated possibleErrors list, for a readable line. */
function brief(payload: object | null | undefined): string {
  if (!payload) return String(payload);
  return JSON.stringify(Object.fromEntries(Object.entries(payload).filter(([key]) => key !== 'possibleErrors')));
}

/**
 * A typed session: log in, call two documented mutations, handle a documented KT error by its
 * typed code, let the token expire and show the refresh. Both brands document the operations used.
 */
export async function runDemoSession(target: DemoTarget, log: (line: string) => void): Promise<{ refreshes: number }> {
  // The brands share these operation names; st's documents type the calls (oejp's carry the same selections).
  const sdk: Pick<typeof st, 'createKrakenClient' | 'VerifyIdentityDocument' | 'GetHostedUrlForNewPaymentInstructionDocument'> =
    target.brand === 'st' ? st : ((await import('../src/brands/oejp.js')) as unknown as typeof st);
  const sessions: Session[] = [];
  const options: KrakenClientOptions = {
    endpoint: target.apiUrl,
    ...(target.authUrl ? { authEndpoint: target.authUrl } : {}),
    ...(target.now ? { now: target.now } : {}),
  };
  const client = sdk.createKrakenClient({ ...options, auth: target.auth, onSession: (session) => void sessions.push(session) });

  const verified = await client.request(sdk.VerifyIdentityDocument, { input: { email: 'user@example.com' } });
  const first = await client.session();
  log(`1. logged in: token valid until ${time(first?.tokenExpiresAt)}, refresh token until ${time(first?.refreshExpiresAt)}`);
  log(`2. verifyIdentity answered ${brief(verified.verifyIdentity)}`);

  const hosted = await client.request(sdk.GetHostedUrlForNewPaymentInstructionDocument, { input: { accountNumber: 'A-1234' } });
  log(`3. getHostedUrlForNewPaymentInstruction answered ${brief(hosted.getHostedUrlForNewPaymentInstruction)}`);

  const anonymous = sdk.createKrakenClient(options);
  try {
    await anonymous.request(sdk.GetHostedUrlForNewPaymentInstructionDocument, { input: { accountNumber: 'A-1234' } });
    log('4. unexpected: the anonymous call succeeded');
  } catch (error) {
    if (!isKrakenError(error, sdk.GetHostedUrlForNewPaymentInstructionDocument)) throw error;
    // error.code is typed: only this operation's documented codes (and the common ones) compile here.
    if (error.code === 'KT-CT-1112') log(`4. without a token the call failed with ${error.code} (${error.message}): handled by its typed code`);
    else log(`4. without a token the call failed with ${error.code ?? error.kind}: ${error.message}`);
  }

  if (target.advanceClock && first?.tokenExpiresAt !== undefined) {
    const now = target.now?.() ?? Date.now();
    target.advanceClock(first.tokenExpiresAt - now + 1_000);
    log(`5. clock moved to ${time(target.now?.())}: the token has expired`);
    await client.request(sdk.VerifyIdentityDocument, { input: { email: 'user@example.com' } });
    const renewed = await client.session();
    log(`6. the client refreshed before sending: new token valid until ${time(renewed?.tokenExpiresAt)}, refresh token still until ${time(renewed?.refreshExpiresAt)}`);
  }
  return { refreshes: Math.max(0, sessions.length - 1) };
}
