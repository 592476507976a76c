// A Cloudflare Worker (ESM module syntax) doing the runtime smoke's four checks from workerd: the
// mock server's URL comes in the request's `api` query parameter; the answer is the one result line.
import { createKrakenClient, loginWith, GetHostedUrlForNewPaymentInstructionDocument, VerifyIdentityDocument } from 'kraken-sdk/st';
import { isKrakenError } from 'kraken-sdk';

async function smoke(apiUrl) {
  const auth = loginWith({ email: 'user@example.com', password: 'correct-password' });
  const verified = await createKrakenClient({ endpoint: apiUrl, auth }).request(VerifyIdentityDocument, { input: {} });
  if (typeof verified.verifyIdentity?.token !== 'string') throw new Error(`typed call: unexpected answer ${JSON.stringify(verified)}`);
  const failed = await createKrakenClient({ endpoint: apiUrl }).safeRequest(GetHostedUrlForNewPaymentInstructionDocument, { input: {} });
  if (!isKrakenError(failed.error) || failed.error.code !== 'KT-CT-1112') throw new Error(`classified error: expected KT-CT-1112, got ${failed.error?.code}`);
  const slow = createKrakenClient({ endpoint: apiUrl, timeoutMs: 200, retry: false, auth });
  const timedOut = await slow.safeRequest(VerifyIdentityDocument, { input: {} }, { headers: { 'x-kraken-mock-scenario': 'delay=3000' } });
  if (timedOut.error?.kind !== 'network' || timedOut.error.reason !== 'timeout') throw new Error(`timeout: got ${timedOut.error?.kind}/${timedOut.error?.reason}`);
  return `runtime ok (esm): workerd ${navigator.userAgent}: login, typed call, KT-CT-1112, timeout`;
}

export default {
  async fetch(request) {
    try {
      return new Response(await smoke(new URL(request.url).searchParams.get('api')));
    } catch (error) {
      return new Response(String(error?.stack ?? error), { status: 500 });
    }
  },
};
