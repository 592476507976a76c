// Bundled for the browser: a typed call from a page on another origin (CORS) to the mock server.
import { createKrakenClient, loginWith, VerifyIdentityDocument } from 'kraken-sdk/st';

const apiUrl = new URL(window.location.href).searchParams.get('api');
const client = createKrakenClient({ endpoint: apiUrl, auth: loginWith({ email: 'user@example.com', password: 'correct-password' }) });
client
  .request(VerifyIdentityDocument, { input: {} })
  .then((result) => (window.__krakenResult = { ok: true, token: result.verifyIdentity?.token ?? null }))
  .catch((error) => (window.__krakenResult = { ok: false, error: String(error && error.message) }));
