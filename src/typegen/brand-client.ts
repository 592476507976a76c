import type { Catalog } from '../catalog/types.js';
import { GENERATED_TS_HEADER } from './codegen-config.js';

/** The brand's endpoints and a `createKrakenClient` with them and the brand's login operation preset. */
export function renderBrandClient(catalog: Catalog): string {
  const endpoints = JSON.stringify(catalog.endpoints, null, 2);
  const hasAuthServer = catalog.endpoints.auth !== undefined;
  // A preset production auth host must never receive what a client pointed elsewhere sends.
  const authLine = hasAuthServer
    ? '    authEndpoint: options.authEndpoint ?? (options.endpoint === undefined ? endpoints.auth : sameOriginAuthEndpoint(options.endpoint)),\n'
    : '';
  const authDoc = hasAuthServer
    ? `\n * An \`endpoint\` given without \`authEndpoint\` moves the authentication server with it: to\n * \`/graphql/\` on the endpoint's origin (the mock server's layout), never to the preset host.`
    : '';
  return `${GENERATED_TS_HEADER}
import { createKrakenClient as createCoreClient${hasAuthServer ? ', sameOriginAuthEndpoint' : ''} } from '../../client/index.js';
import type { KrakenClient, KrakenClientOptions } from '../../client/index.js';
import { ObtainKrakenTokenDocument } from './documents.js';

/** Where ${catalog.brand}'s Kraken answers, as its reference page documents. */
export const endpoints = ${endpoints} as const;

/**
 * A Kraken client for ${catalog.brand}: its documented endpoints and its \`obtainKrakenToken\`
 * operation are preset; every option can still be overridden (e.g. \`endpoint\` for a mock server).${authDoc}
 */
export function createKrakenClient(options: KrakenClientOptions = {}): KrakenClient {
  return createCoreClient({
    loginDocument: ObtainKrakenTokenDocument,
    ...options,
    endpoint: options.endpoint ?? endpoints.api,
${authLine}  });
}
`;
}
