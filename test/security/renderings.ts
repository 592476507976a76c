// What a user can read of a failure, for the redaction tests: every rendering of an error, and every error the
// client published on `kraken-sdk:error` during a test.
import diagnostics from 'node:diagnostics_channel';
import { inspect } from 'node:util';
import { afterEach, beforeEach } from 'vitest';
import { KrakenError } from 'kraken-sdk';

/** Every string a user can get out of a value: message, stack, JSON, inspect, fields, and the same for each cause. */
export function renderings(value: unknown, depth = 0): string[] {
  const texts = [inspect(value, { depth: Infinity, showHidden: true }), JSON.stringify(value) ?? '', String(value)];
  if (value instanceof Error) {
    texts.push(value.message, String(value.stack));
    if (value instanceof KrakenError) texts.push(JSON.stringify(value.errors), JSON.stringify(value.data) ?? '', value.body ?? '');
    if (value.cause !== undefined && depth < 10) texts.push(...renderings(value.cause, depth + 1));
  }
  return texts;
}

/** Collects what `kraken-sdk:error` publishes during each test of the calling file; read it with the returned function. */
export function publishedErrors(): () => readonly unknown[] {
  let published: unknown[] = [];
  const onError = (error: unknown): void => void published.push(error);
  beforeEach(() => {
    published = [];
    diagnostics.subscribe('kraken-sdk:error', onError);
  });
  afterEach(() => void diagnostics.unsubscribe('kraken-sdk:error', onError));
  return () => published;
}
