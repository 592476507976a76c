// The same four checks in every runtime (ESM): log in against the packed mock server, a typed call, a
// classified error, a timeout. Prints one line naming the runtime.
import { createKrakenClient, loginWith, GetHostedUrlForNewPaymentInstructionDocument, VerifyIdentityDocument } from 'kraken-sdk/st';
import { isKrakenError } from 'kraken-sdk';

const apiUrl = process.argv[2];
const client = createKrakenClient({ endpoint: apiUrl, auth: loginWith({ email: 'user@example.com', password: 'correct-password' }) });
const verified = await client.request(VerifyIdentityDocument, { input: { email: 'user@example.com' } });
if (typeof verified.verifyIdentity?.token !== 'string') throw new Error(`typed call: unexpected answer ${JSON.stringify(verified)}`);

const failed = await createKrakenClient({ endpoint: apiUrl }).safeRequest(GetHostedUrlForNewPaymentInstructionDocument, { input: {} });
if (!isKrakenError(failed.error) || failed.error.code !== 'KT-CT-1112') throw new Error('classified error: expected KT-CT-1112');

const slow = createKrakenClient({ endpoint: apiUrl, timeoutMs: 200, retry: false, auth: loginWith({ email: 'user@example.com', password: 'correct-password' }) });
const timedOut = await slow.safeRequest(VerifyIdentityDocument, { input: {} }, { headers: { 'x-kraken-mock-scenario': 'delay=3000' } });
if (timedOut.error?.kind !== 'network' || timedOut.error.reason !== 'timeout') throw new Error(`timeout: got ${timedOut.error?.kind}/${timedOut.error?.reason}`);

// Bun and Deno report a Node version too: name the runtime itself.
const { bun, deno, node } = process.versions;
const runtime = bun ? `bun ${bun}` : deno ? `deno ${deno}` : `node ${node}`;
console.log(`runtime ok (esm): ${runtime}: login, typed call, KT-CT-1112, timeout`);
