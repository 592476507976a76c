import { hash32, hashHex } from './hash.js';

/** Makes one deterministic value for a scalar, keyed by a stable string (seed + response path). */
export type ScalarValueMaker = (key: string, fieldName: string) => unknown;

const DAY_MS = 86_400_000;
const EPOCH_2020 = Date.UTC(2020, 0, 1);

/** The pages print every string as this placeholder, so it says nothing about a field. */
const PAGE_STRING_PLACEHOLDER = 'abc123';

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

/** A value shape a field's name asks for (an `email` is an address), with the check a page value must pass. */
interface FieldShape {
  fieldName: RegExp;
  make: ScalarValueMaker;
  accepts: (value: unknown) => boolean;
}

const isText = (value: unknown): value is string => typeof value === 'string';

function isHttpsUrl(value: unknown): boolean {
  try {
    return isText(value) && new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

// Reserved names only (RFC 2606 example.com, Ofcom's drama range 07700 900xxx): never a real person.
const STRING_SHAPES: readonly FieldShape[] = [
  {
    fieldName: /(^url|Url|URL|^uri|Uri)$/,
    make: (key, fieldName) => `https://example.com/${fieldName}/${hashHex(key, 8)}`,
    accepts: isHttpsUrl,
  },
  {
    fieldName: /(^email|Email)$/,
    make: (key) => `user-${hashHex(key, 6)}@example.com`,
    accepts: (value) => isText(value) && /^[^\s@]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/i.test(value),
  },
  {
    fieldName: /^(mobile|landline)$|[pP]hone(Number)?$/,
    make: (key) => `+447700900${String(hash32(key) % 1000).padStart(3, '0')}`,
    accepts: (value) => isText(value) && /^\+\d{8,15}$/.test(value),
  },
  {
    fieldName: /(^a|A)ccountNumber$/,
    make: (key) => `A-${hashHex(key, 8).toUpperCase()}`,
    accepts: (value) => isText(value) && /^A-[0-9A-F]{8}$/.test(value),
  },
];

const isCount = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 0;
const isAmount = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isValidDate = (value: unknown): boolean => isText(value) && /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** Built-in and Kraken scalars: how to make a value, and which page values fit. Counts and amounts are never negative. */
const SCALARS: Record<string, { make: ScalarValueMaker; accepts: (value: unknown) => boolean }> = {
  String: { make: mockString, accepts: isText },
  ID: { make: (key) => String(hash32(key) % 100_000), accepts: isText },
  Int: { make: (key) => hash32(key) % 1000, accepts: isCount },
  Float: { make: (key) => (hash32(key) % 100_000) / 100, accepts: isAmount },
  Boolean: { make: (key) => hash32(key) % 2 === 0, accepts: (value) => typeof value === 'boolean' },
  Date: { make: mockDate, accepts: isValidDate },
  DateTime: { make: mockDateTime, accepts: (value) => isText(value) && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)) },
  UUID: { make: mockUuid, accepts: (value) => isText(value) && /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(value) },
  JSONString: { make: (key, fieldName) => JSON.stringify({ [fieldName]: mockString(key, fieldName) }), accepts: () => false },
  GenericScalar: { make: mockString, accepts: () => false },
  Decimal: { make: (key) => ((hash32(key) % 100_000) / 100).toFixed(2), accepts: (value) => isText(value) && /^\d+(\.\d+)?$/.test(value) },
};

/** What the page shows for a leaf: its example value, and the values it documents for a custom scalar. */
export interface PageHints {
  example?: unknown;
  documentedValues?: readonly string[];
}

/**
 * A deterministic, plausible value for a leaf of the named scalar: the page's example value when it fits
 * the field (not the page's "abc123" placeholder, a URL for a url field, ...), else one of the values the
 * page documents for the scalar, else one shaped by the field's name (url, email, phone) or its scalar.
 * Unknown custom scalars get a string, the safest JSON shape.
 */
export function mockScalarValue(scalarName: string, key: string, fieldName: string, hints: PageHints = {}): unknown {
  const scalar = SCALARS[scalarName];
  // A custom scalar named for its shape (Email, URL) gets that shape whatever the field is called.
  const names = scalar === undefined ? [fieldName, scalarName.toLowerCase()] : scalarName === 'String' ? [fieldName] : [];
  const shape = STRING_SHAPES.find((candidate) => names.some((name) => candidate.fieldName.test(name)));
  const { example, documentedValues = [] } = hints;
  if (scalarName === 'JSONString' && typeof example === 'object' && example !== null) return JSON.stringify(example);
  const fits = shape ? shape.accepts(example) : scalar ? scalar.accepts(example) : isText(example);
  if (fits && example !== PAGE_STRING_PLACEHOLDER) return example;
  if (documentedValues.length > 0) return documentedValues[pickIndex(key, documentedValues.length)];
  return (shape?.make ?? scalar?.make ?? mockString)(key, fieldName);
}

/** A deterministic index in [0, size). */
export function pickIndex(key: string, size: number): number {
  return size <= 0 ? 0 : hash32(key) % size;
}
