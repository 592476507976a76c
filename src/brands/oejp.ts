// The oejp entry point (`kraken-sdk/oejp`): a client with oejp's endpoints preset, every documented
// mutation as a typed document, the operation types, and the documented error codes' type.
export { createKrakenClient, endpoints } from '../generated/oejp/client.js';
export * from '../generated/oejp/documents.js';
// Messages live in `kraken-sdk/oejp/error-messages`: their table made a quarter of this entry's cold import.
export type { DocumentedErrorCode } from '../generated/oejp/error-codes.js';
export type * from '../generated/oejp/graphql.js';
// The root's exports from where the root takes them (one module less to load than through src/index.ts).
export * from '../client/index.js';
