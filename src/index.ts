// The package root (`kraken-sdk`): the brand-neutral core. Works with any Kraken endpoint and any
// TypedDocumentNode; brand entry points (`kraken-sdk/st`, `kraken-sdk/oejp`) add generated documents.
export * from './client/index.js';
