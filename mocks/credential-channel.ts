import { diagnosticsChannel } from '../src/core/diagnostics.js';

/**
 * Each credential or token the mocks accept or issue (passwords and keys presented at login, refresh
 * tokens, tokens issued or presented) is published here, so that a test suite can check that nothing
 * it printed or threw contains one. Nothing is published without a subscriber (and never in a browser).
 */
export const MOCK_CREDENTIAL_CHANNEL = 'kraken-sdk:mock-credential';

export interface MockCredential {
  readonly kind: 'password' | 'APIKey' | 'organizationSecretKey' | 'preSignedKey' | 'refreshToken' | 'token';
  readonly value: string;
}

const channel = diagnosticsChannel(MOCK_CREDENTIAL_CHANNEL);

export function publishCredential(kind: MockCredential['kind'], value: unknown): void {
  if (channel?.hasSubscribers && typeof value === 'string' && value !== '') channel.publish({ kind, value } satisfies MockCredential);
}

/** Publishes the secret fields of an obtainKrakenToken input. */
export function publishLoginInput(input: Readonly<Record<string, unknown>>): void {
  if (!channel?.hasSubscribers) return;
  for (const kind of ['password', 'APIKey', 'organizationSecretKey', 'preSignedKey', 'refreshToken'] as const) publishCredential(kind, input[kind]);
}
