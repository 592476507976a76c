import { hash32, hashHex } from './hash.js';

/** Makes one deterministic value for a scalar, keyed by a stable string (seed + response path). */
export type ScalarValueMaker = (key: string, fieldName: string) => unknown;

const DAY_MS = 86_400_000;
const EPOCH_2020 = Date.UTC(2020, 0, 1);

function mockDate(key: string): string {
  const days = hash32(key) % 1461; // within 2020-2023
  return new Date(EPOCH_2020 + days * DAY_MS).toISOString().slice(0, 10);
}

function mockDateTime(key: string): string {
  const seconds = hash32(key) % (1461 * 86_400);
  // Kraken prints date-times with an explicit offset, e.g. 2020-01-01T00:00:00+00:00.
  return new Date(EPOCH_2020 + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

function mockUuid(key: string): string {
  const hex = hashHex(key, 32).split('');
  hex[12] = '4'; // version 4
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16); // RFC 4122 variant
  const text = hex.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

function mockString(key: string, fieldName: string): string {
  return `${fieldName}-${hashHex(key, 6)}`;
}

const scalarMakers: Record<string, ScalarValueMaker> = {
  String: mockString,
  ID: (key) => String(hash32(key) % 100_000),
  Int: (key) => hash32(key) % 1000,
  Float: (key) => (hash32(key) % 100_000) / 100,
  Boolean: (key) => hash32(key) % 2 === 0,
  Date: mockDate,
  DateTime: mockDateTime,
  UUID: mockUuid,
  JSONString: (key, fieldName) => JSON.stringify({ [fieldName]: mockString(key, fieldName) }),
  GenericScalar: mockString,
  Decimal: (key) => ((hash32(key) % 100_000) / 100).toFixed(2),
};

/** A value for the named scalar; unknown custom scalars get a string, the safest JSON shape. */
export function mockScalarValue(scalarName: string, key: string, fieldName: string): unknown {
  const maker = scalarMakers[scalarName] ?? mockString;
  return maker(key, fieldName);
}

/** A deterministic index in [0, size). */
export function pickIndex(key: string, size: number): number {
  return size <= 0 ? 0 : hash32(key) % size;
}
