export type { KrakenAuth, KrakenLogin, LoginCredentials, LoginKind, LoginKindOf, ObtainTokenInput, ObtainTokenPayload, Session, SessionInfo, SessionStore } from './types.js';
export { createMemorySessionStore } from './types.js';
export { loginWith } from './login-with.js';
export { defaultLoginDocument } from './login-document.js';
export type { LoginDocument, ObtainKrakenTokenResult, ObtainKrakenTokenVariables } from './login-document.js';
export { DEFAULT_REFRESH_SKEW_MS } from './token-source.js';
export type { SessionStorePause } from './types.js';
// For custom stores (issue 31): the lease, the scope and the memory store's options.
export type { HeldLease, MemorySessionStoreOptions, SessionScope, SessionStoreLease } from './types.js';
