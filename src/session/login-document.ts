import type { KrakenDocument } from '../core/document.js';
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

// Written as the generated documents are (no optional spaces): the wire and the brands' login text share it.
const text = 'mutation ObtainKrakenToken($input:ObtainJSONWebTokenInput!){obtainKrakenToken(input:$input){token payload refreshToken refreshExpiresIn}}';

/** The default login operation; brand entry points preset their documented one instead. */
export const defaultLoginDocument: KrakenDocument<ObtainKrakenTokenResult, ObtainKrakenTokenVariables, string> = {
  kraken: { operationName: 'ObtainKrakenToken', text, endpoint: 'api' },
};
