// The README's error pattern, as an app writes it, when the login the call needed is refused: the
// catch must recognise it (isKrakenError(error, Document)) instead of rethrowing.
import { createKrakenClient, loginWith, AcceptGoodsQuoteDocument } from 'kraken-sdk/st';
import { isKrakenError } from 'kraken-sdk';
import { startMockKrakenServer } from 'kraken-sdk/mocks/node';

const server = await startMockKrakenServer({ brand: 'st', port: 0, credentials: { users: [{ email: 'me@example.com', password: 'right' }] } });
try {
  const kraken = createKrakenClient({ endpoint: server.apiUrl, auth: loginWith({ email: 'me@example.com', password: 'wrong' }) });
  let handled;
  try {
    await kraken.request(AcceptGoodsQuoteDocument, { input: { quoteId: 'q-123' } });
    throw new Error('expected the login to be refused');
  } catch (error) {
    if (isKrakenError(error, AcceptGoodsQuoteDocument)) handled = error;
    else throw new Error(`the README's pattern rethrows a failed login: ${error}`, { cause: error });
  }
  if (handled.kind !== 'auth' || handled.code !== 'KT-CT-1138') throw new Error(`expected auth KT-CT-1138, got ${handled.kind} ${handled.code}`);
  console.log(`README pattern ok: a refused login is caught as ${handled.kind} ${handled.code}`);
} finally {
  await server.close();
}
