/**
 * `kraken-sdk/testing`: checks for what users build around the client. `checkSessionStore` runs the session
 * store contract (sessions, lease, pause, a store that is down) against any store, in any test runner.
 */
export { checkSessionStore } from './store-contract.js';
export type { StoreContractFailure, StoreContractOptions, StoreContractRule } from './store-contract.js';
