// A custom transport's answer (README, "Transports"): `unreadable` names why the body was not read (issue 28.1).
import { expectTypeOf, test } from 'vitest';
import type { KrakenTransport } from '../../src/index.js';

type Answer = Awaited<ReturnType<KrakenTransport>>;

test('a transport may answer an unreadable body with its reason, as a string', () => {
  const refused: KrakenTransport = async () => ({ status: 200, headers: new Headers(), body: '', truncated: false, unreadable: 'Content-Encoding "compress" is not decoded' });
  const plain: KrakenTransport = async () => ({ status: 200, headers: new Headers(), body: '{"data":{}}', truncated: false });
  expectTypeOf(refused).toEqualTypeOf(plain);
  expectTypeOf<Answer['unreadable']>().toEqualTypeOf<string | undefined>();
  // @ts-expect-error a reason is text, not a flag
  const flagged: KrakenTransport = async () => ({ status: 200, headers: new Headers(), body: '', truncated: false, unreadable: true });
  void flagged;
});
