// 3. What a logged-in session costs per request (token kept in memory) against no auth at all.
import * as st from '../../src/brands/st.js';
import { acceptGoodsQuoteResponse, acceptGoodsQuoteVariables, benchToken, ENDPOINT, loginResponse } from '../fixtures.js';
import { measureInterleaved } from '../harness.js';
import { loginAwareFetch } from '../in-memory-fetch.js';
import { formatNs, formatOps, formatRatio } from '../table.js';
import type { ResultRow } from '../table.js';

export async function sessionCost(): Promise<ResultRow[]> {
  const token = benchToken();
  const fetch = loginAwareFetch(acceptGoodsQuoteResponse, loginResponse(token));
  const loggedIn = st.createKrakenClient({ endpoint: ENDPOINT, fetch, auth: { email: 'bench@example.com', password: 'bench-password' } });
  const anonymous = st.createKrakenClient({ endpoint: ENDPOINT, fetch });
  const document = st.AcceptGoodsQuoteDocument;

  // Log in once, outside the measurement.
  await loggedIn.request(document, acceptGoodsQuoteVariables);
  if (fetch.logins() !== 1) throw new Error(`sessions: expected one login, saw ${fetch.logins()}`);

  const [session, none] = await measureInterleaved([
    { name: 'session', run: () => loggedIn.request(document, acceptGoodsQuoteVariables) },
    { name: 'anonymous', run: () => anonymous.request(document, acceptGoodsQuoteVariables) },
  ]);
  if (!session || !none) throw new Error('sessions: missing results');
  if (fetch.logins() !== 1) throw new Error(`sessions: the session logged in again (${fetch.logins()} logins)`);
  return [
    {
      measure: '3. Session (token in memory)',
      subject: 'client with email/password session (logged in once)',
      subjectResult: `${formatOps(session.opsPerSecond)} (${formatNs(session.nsPerOp)}/op)`,
      baseline: 'client without auth',
      baselineResult: `${formatOps(none.opsPerSecond)} (${formatNs(none.nsPerOp)}/op)`,
      ratio: formatRatio(session.nsPerOp, none.nsPerOp, 'time/op'),
    },
  ];
}
