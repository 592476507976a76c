import type { Catalog } from '../catalog/types.js';
import { GENERATED_TS_HEADER } from './codegen-config.js';

/** Each kind of login credentials, by the `ObtainJSONWebTokenInput` fields it needs. */
export const CREDENTIAL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  email: ['email', 'password'],
  apiKey: ['APIKey'],
  refreshToken: ['refreshToken'],
  organizationSecretKey: ['organizationSecretKey'],
  preSignedKey: ['preSignedKey'],
};

/**
 * The brand's endpoints and a `createKrakenClient` with them and the brand's login operation preset.
 * With `credentials` (the keys of CREDENTIAL_FIELDS a schema's login input accepts), `auth` takes
 * only those, a token or a token function: a login the server cannot take does not compile.
 */
/** What the client's comments call its target and where its endpoints came from. */
export interface ClientWording {
  /** Who the client is for: a brand id, or words for a schema without one. */
  readonly subject: string;
  /** The comment of `endpoints`: where they came from. */
  readonly endpointsSource: string;
}

/** A documented brand's (the package's own st and oejp). */
const pageWording = (brand: string): ClientWording => ({ subject: brand, endpointsSource: `Where ${brand}'s Kraken answers, as its reference page documents.` });

export function renderBrandClient(catalog: Catalog, credentials?: readonly string[], knownEndpoint = true, wording = pageWording(catalog.brand)): string {
  if (!knownEndpoint) return renderEndpointlessClient(wording.subject, credentials ?? []);
  const endpoints = JSON.stringify(catalog.endpoints, null, 2);
  const hasAuthServer = catalog.endpoints.auth !== undefined;
  // A preset production auth host must never receive what a client pointed elsewhere sends.
  const authLine = hasAuthServer
    ? '    authEndpoint: options.authEndpoint ?? (options.endpoint === undefined ? endpoints.auth : sameOriginAuthEndpoint(options.endpoint)),\n'
    : '';
  const authDoc = hasAuthServer
    ? `\n * An \`endpoint\` given without \`authEndpoint\` moves the authentication server with it: to\n * \`/graphql/\` on the endpoint's origin (the mock server's layout), never to the preset host.`
    : '';
  const optionsType = credentials ? 'BrandClientOptions' : 'KrakenClientOptions';
  const authTypes = credentials ? brandAuthTypes(credentials, "Omit<KrakenClientOptions, 'auth'> & { readonly auth?: BrandAuth }", 'KrakenClientOptions with `auth` limited to BrandAuth.') : '';
  return `${GENERATED_TS_HEADER}
import { createKrakenClient as createCoreClient${hasAuthServer ? ', sameOriginAuthEndpoint' : ''} } from '../../client/client.js';
import type { ${credentials ? 'KrakenLogin, ' : ''}KrakenClient, KrakenClientOptions } from '../../client/index.js';
import { ObtainKrakenTokenDocument } from './documents.js';
${authTypes}
/** ${wording.endpointsSource} */
export const endpoints = ${endpoints} as const;

/**
 * A Kraken client for ${wording.subject}: the endpoints above and its \`obtainKrakenToken\`
 * operation are preset; every option can still be overridden (e.g. \`endpoint\` for a mock server).${authDoc}
 */
export function createKrakenClient(options: ${optionsType} = {}): KrakenClient {
  return createCoreClient({
    ...options,
    loginDocument: options.loginDocument ?? ObtainKrakenTokenDocument,
    endpoint: options.endpoint ?? endpoints.api,
${authLine}  });
}
`;
}

/** BrandAuth (a login with the credentials the schema's login input takes, a token or a token function) and BrandClientOptions. */
function brandAuthTypes(credentials: readonly string[], optionsType: string, optionsDoc: string): string {
  const logins = credentials.length === 0 ? [] : [`  | KrakenLogin<${credentials.map((kind) => `'${kind}'`).join(' | ')}>`];
  return `
/** What \`auth\` accepts: \`loginWith\` the credentials this schema's \`ObtainJSONWebTokenInput\` takes, a token, or a token function. */
export type BrandAuth =
  | { readonly token: string }
  | { readonly getToken: () => Promise<string> }
${logins.join('\n')};

/** ${optionsDoc} */
export type BrandClientOptions = ${optionsType};
`;
}

/**
 * The client of a module whose schema names no endpoint (neither its pull header nor the registry): no
 * default is ever taken from another brand, so \`endpoint\` is required, by its type and at run time.
 */
function renderEndpointlessClient(subject: string, credentials: readonly string[]): string {
  return `${GENERATED_TS_HEADER}
import { createKrakenClient as createCoreClient } from '../../client/client.js';
import type { KrakenClient, KrakenClientOptions${credentials.length === 0 ? '' : ', KrakenLogin'} } from '../../client/index.js';
import { ObtainKrakenTokenDocument } from './documents.js';
${brandAuthTypes(credentials, "Omit<KrakenClientOptions, 'auth' | 'endpoint'> & { readonly endpoint: string; readonly auth?: BrandAuth }", 'KrakenClientOptions with `auth` limited to BrandAuth, and `endpoint` required: the schema names none.')}
/** The schema this module was generated from names no endpoint: none is preset. */
export const endpoints = {} as const;

/**
 * A Kraken client for ${subject}, with its \`obtainKrakenToken\` operation preset. \`endpoint\` is
 * required: the schema was not pulled by kraken-sdk pull (whose header records it) and the brand is not in
 * kraken-sdk's registry. Logins go to the same endpoint unless \`authEndpoint\` is given.
 */
export function createKrakenClient(options: BrandClientOptions): KrakenClient {
  if (typeof options !== 'object' || options === null || options.endpoint === undefined) {
    throw new TypeError('createKrakenClient: \`endpoint\` is required: the schema this module was generated from names no endpoint (pull it with kraken-sdk pull --endpoint, or pass endpoint).');
  }
  return createCoreClient({ ...options, loginDocument: options.loginDocument ?? ObtainKrakenTokenDocument });
}
`;
}
