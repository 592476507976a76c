// Run only by test/session/secrets-scan.test.ts, in a child vitest, to prove that the suite-wide
// secrets watch fails a run that leaks: a fixture password in a log line, a mock-issued token in a
// KrakenError nobody prints.
import { it } from 'vitest';
import { KrakenError } from 'kraken-sdk';
import { publishCredential } from '../../../mocks/credential-channel.js';
import { SECRET_FIXTURES } from '../secrets.js';

it('logs a fixture password', () => {
  console.log(`debug: logging in with ${SECRET_FIXTURES.faultsPassword}`);
});

it('creates an error holding a token a mock issued', () => {
  const token = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.leaked-signature-0123';
  publishCredential('token', token);
  void new KrakenError({ kind: 'http', message: `refused ${token}` });
});
