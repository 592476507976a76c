// `kraken-sdk/document-node`: a DocumentNode from any KrakenDocument, for GraphQL clients that need
// an AST (Apollo, urql). Its own entry point so the client never loads the graphql parser.
export { toDocumentNode } from './client/document-node.js';
