// runtime-smoke.mjs through require(): the CommonJS build, same checks.
const { createKrakenClient, loginWith, GetHostedUrlForNewPaymentInstructionDocument, VerifyIdentityDocument } = require('kraken-sdk/st');
const { isKrakenError } = require('kraken-sdk');

async function main(apiUrl) {
  const auth = loginWith({ email: 'user@example.com', password: 'correct-password' });
  const verified = await createKrakenClient({ endpoint: apiUrl, auth }).request(VerifyIdentityDocument, { input: {} });
  if (typeof verified.verifyIdentity?.token !== 'string') throw new Error('typed call: unexpected answer');
  const failed = await createKrakenClient({ endpoint: apiUrl }).safeRequest(GetHostedUrlForNewPaymentInstructionDocument, { input: {} });
  if (!isKrakenError(failed.error) || failed.error.code !== 'KT-CT-1112') throw new Error('classified error: expected KT-CT-1112');
  const slow = createKrakenClient({ endpoint: apiUrl, timeoutMs: 200, retry: false, auth });
  const timedOut = await slow.safeRequest(VerifyIdentityDocument, { input: {} }, { headers: { 'x-kraken-mock-scenario': 'delay=3000' } });
  if (timedOut.error?.kind !== 'network' || timedOut.error.reason !== 'timeout') throw new Error('timeout: not a network timeout');
  const { bun, deno, node } = process.versions;
  const runtime = bun ? `bun ${bun}` : deno ? `deno ${deno}` : `node ${node}`;
  console.log(`runtime ok (cjs): ${runtime}: login, typed call, KT-CT-1112, timeout`);
}
main(process.argv[2]).catch((error) => {
  console.error(error);
  process.exit(1);
});
