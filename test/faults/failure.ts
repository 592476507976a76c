import { inspect } from 'node:util';
import { KrakenError } from 'kraken-sdk';

/** The KrakenError a call rejects with; anything else (a result, another exception) fails the test. */
export async function failure(promise: Promise<unknown>): Promise<KrakenError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof KrakenError)) throw new Error(`expected a KrakenError, got ${inspect(error)}`);
  return error;
}
