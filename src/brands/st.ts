// The st entry point (`kraken-sdk/st`): a client with st's endpoints preset, every documented
// mutation as a typed document, the operation types, and the documented error codes' type.
export { createKrakenClient, endpoints } from '../generated/st/client.js';
export * from '../generated/st/documents.js';
// Messages live in `kraken-sdk/st/error-messages`: their table made a quarter of this entry's cold import.
export type { DocumentedErrorCode } from '../generated/st/error-codes.js';
export type * from '../generated/st/graphql.js';
// The root's exports from where the root takes them (one module less to load than through src/index.ts).
export * from '../client/index.js';
