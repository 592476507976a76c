import type { Catalog } from '../catalog/types.js';
import { GENERATED_TS_HEADER } from './codegen-config.js';

/** The brand's endpoints and a `createKrakenClient` with them and the brand's login operation preset. */
export function renderBrandClient(catalog: Catalog): string {
  const endpoints = JSON.stringify(catalog.endpoints, null, 2);
  const authLine = catalog.endpoints.auth ? '    authEndpoint: endpoints.auth,\n' : '';
  return `${GENERATED_TS_HEADER}
import { createKrakenClient as createCoreClient } from '../../client/index.js';
import type { KrakenClient, KrakenClientOptions } from '../../client/index.js';
import { ObtainKrakenTokenDocument } from './documents.js';

/** Where ${catalog.brand}'s Kraken answers, as its reference page documents. */
export const endpoints = ${endpoints} as const;

/**
 * A Kraken client for ${catalog.brand}: its documented endpoints and its \`obtainKrakenToken\`
 * operation are preset; every option can still be overridden (e.g. \`endpoint\` for a mock server).
 */
export function createKrakenClient(options: KrakenClientOptions = {}): KrakenClient {
  return createCoreClient({
    endpoint: endpoints.api,
${authLine}    loginDocument: ObtainKrakenTokenDocument,
    ...options,
  });
}
`;
}
