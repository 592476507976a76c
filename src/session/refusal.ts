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

/** The code that made `error` a refusal of the credentials (isCredentialRefusal). */
export function refusalCode(error: KrakenError): string {
  return error.codes.find((code) => /^KT-CT-113[4589]$/.test(code)) as string;
}

/**
 * The `auth` error for a login not sent because another process sharing the session store had the same credentials
 * refused lately: the code as its own error's (so `code` reads the same in every process), never the server's message.
 */
export function sharedRefusalError(code: string): KrakenError {
  const message = `Login was refused (${code}) to another process with these credentials lately: not sent again.`;
  return new KrakenError({ kind: 'auth', message, errors: [{ message, extensions: { errorCode: code } }] });
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
