import { KrakenError } from '../core/errors.js';

/**
 * Codes meaning the server refused the credentials (or refresh token) themselves: KT-CT-1134/1135
 * ("Invalid data.", documented for obtainKrakenToken on both pages) and KT-CT-1138/1139 (credentials
 * refused on other Kraken instances). Repeating such a login can lock the account; any other failure
 * (5xx, network, rate limit, a firewall's 403) says nothing about the credentials and is tried again later.
 */
export function isCredentialRefusal(error: unknown): error is KrakenError {
  return error instanceof KrakenError && error.codes.some((code) => /^KT-CT-113[4589]$/.test(code));
}

/** The `auth` error for a refused login; without `data`, which could hold a token. */
export function refusalError(error: KrakenError): KrakenError {
  return new KrakenError({
    kind: 'auth',
    message: `Login was refused (${error.code ?? 'no code'}): ${error.errors[0]?.message ?? ''}`,
    errors: error.errors,
    operationName: error.operationName,
    status: error.status,
  });
}

export function authError(message: string, cause?: unknown): KrakenError {
  return new KrakenError({ kind: 'auth', message, cause });
}
