import type { KrakenDocument, KrakenOperation } from '../client/document.js';
import type { ObtainTokenInput, ObtainTokenPayload } from './types.js';

export interface ObtainKrakenTokenResult {
  readonly obtainKrakenToken?: ObtainTokenPayload | null;
}
export interface ObtainKrakenTokenVariables {
  readonly input: ObtainTokenInput;
}

/**
 * Any document that logs in: `$input: ObtainJSONWebTokenInput!` in, `obtainKrakenToken { token … }` out.
 * Variables are `never` so a brand's generated document (with its own exact input type) fits.
 */
export type LoginDocument = KrakenDocument<ObtainKrakenTokenResult, never, string>;

const loginOperation: KrakenOperation = {
  operationName: 'ObtainKrakenToken',
  text: 'mutation ObtainKrakenToken($input: ObtainJSONWebTokenInput!) { obtainKrakenToken(input: $input) { token payload refreshToken refreshExpiresIn } }',
  endpoint: 'api',
};

/**
 * The default login operation; brand entry points preset their documented one instead. Text only:
 * the client never needs an AST, so importing the client parses nothing.
 */
export const defaultLoginDocument = { kraken: loginOperation } as unknown as KrakenDocument<
  ObtainKrakenTokenResult,
  ObtainKrakenTokenVariables,
  string
>;
