/**
 * `<package>/mocks`: msw handlers (msw 2 or 3: built on `http`, see msw-graphql.ts) and typed scenarios for the Kraken API. Browser-safe (no node: imports):
 * use with `setupServer` (msw/node) in tests or `setupWorker` (msw/browser) in a page.
 *
 * Behaviour of the default mock (same for the node server in `<package>/mocks/node`):
 * - Every request is executed against the brand's schema; values are deterministic per seed and response path.
 * - credentials (default "any"): any email+password, APIKey, organizationSecretKey or preSignedKey logs
 *   in, and any well-formed (JWT-shaped) unexpired token is authorized. Strict `credentials: { users, apiKeys,
 *   organizationSecretKeys, preSignedKeys }`: only those log in (others: KT-CT-1138, errorType/errorClass
 *   VALIDATION) and only this mock's tokens are authorized (others: KT-CT-1111).
 * - No usable login field: KT-CT-1134; unknown or expired refresh token: KT-CT-1135. Refresh tokens are not
 *   rotated and their expiry is not extended.
 * - Operations documenting KT-CT-1112 need Authorization (raw token, `JWT <token>` or `Bearer <token>`):
 *   missing -> KT-CT-1112, expired -> KT-CT-1124, not a JWT -> KT-CT-1111. Other operations
 *   ignore the header.
 */
import type { HttpHandler } from 'msw';
import type { KrakenBrand } from './brands.js';
import { brandSource } from './brands.js';
import type { KrakenMockSource } from './engine.js';
import type { KrakenMock, KrakenMockHandlerOptions } from './handlers.js';
import { createKrakenMockFromSource } from './handlers.js';

export interface KrakenMockOptions extends KrakenMockHandlerOptions {
  /** "st", "oejp", or a custom { catalog, schemaSdl }. */
  brand: KrakenBrand | KrakenMockSource;
}

/** A mock Kraken for one brand: msw handlers plus the state behind them (request log, login counts). */
export function createKrakenMock(options: KrakenMockOptions): KrakenMock {
  const { brand, ...rest } = options;
  return createKrakenMockFromSource(brandSource(brand), rest);
}

/** msw handlers answering every documented operation of the brand (and any other query, e.g. introspection). */
export function krakenHandlers(options: KrakenMockOptions): HttpHandler[] {
  return createKrakenMock(options).handlers;
}

export type { KrakenBrand } from './brands.js';
export { KRAKEN_BRANDS } from './brands.js';
export type { KrakenMock, KrakenMockHandlerOptions } from './handlers.js';
export type {
  HeaderSource,
  KrakenEngineOptions,
  KrakenMockEngine,
  KrakenMockRequest,
  KrakenMockResponse,
  KrakenMockSource,
  KrakenResponseBody,
} from './engine.js';
export { createKrakenEngine } from './engine.js';
export type { MockCredentials, MockCredentialsOption } from './auth.js';
export { DEFAULT_MOCK_CREDENTIALS } from './auth.js';
export type { KrakenMockRequestRecord } from './state.js';
export { KrakenMockState } from './state.js';
export type { KrakenErrorExtensions } from './errors.js';
export type { KrakenMockSchema } from './schema.js';
export { KrakenMockSchemaError } from './schema.js';
export type { ErrorScenarioOptions, HttpErrorScenarioOptions, RateLimitScenarioOptions, ScenarioOptions } from './scenarios.js';
export type { MockResultOf } from './omitted-fields.js';
export {
  mockKrakenBadGateway,
  mockKrakenDelay,
  mockKrakenError,
  mockKrakenHttpError,
  mockKrakenNetworkError,
  mockKrakenRateLimit,
  mockKrakenResult,
} from './scenarios.js';
