import type { GraphQLOutputType, GraphQLSchema } from 'graphql';
import { isAbstractType, isListType, isNonNullType, isObjectType, isScalarType, specifiedScalarTypes } from 'graphql';
import type { Catalog } from '../src/catalog/types.js';
import { ENUM_LIKE_VALUE } from '../src/catalog/enum-like.js';

/** Marks a mock object with the part of the page's Response example its fields answer from. */
const PAGE_EXAMPLE = Symbol('kraken-mock page example');

export function withPageExample<T extends object>(value: T, example: unknown): T {
  if (typeof example === 'object' && example !== null && !Array.isArray(example)) Object.defineProperty(value, PAGE_EXAMPLE, { value: example });
  return value;
}

/** What the page's example shows for `fieldName` of a mock object (undefined when nothing). */
export function pageExampleOf(source: unknown, fieldName: string): unknown {
  if (typeof source !== 'object' || source === null) return undefined;
  const example = (source as { [PAGE_EXAMPLE]?: Record<string, unknown> })[PAGE_EXAMPLE];
  return example?.[fieldName];
}

/** The member a union or interface example names (`{ "__typename": "MoveInSuccess" }`). */
export function exampleTypename(example: unknown): string | undefined {
  const typename = typeof example === 'object' && example !== null ? (example as { __typename?: unknown }).__typename : undefined;
  return typeof typename === 'string' ? typename : undefined;
}

const BUILT_IN_SCALARS = new Set(specifiedScalarTypes.map((type) => type.name));

/**
 * Enum-like values (SUBMIT_METER_READINGS) the catalog examples show for each custom scalar, so a field
 * of that scalar answers one of them wherever it is selected.
 */
export function documentedScalarValues(catalog: Catalog, schema: GraphQLSchema): Map<string, string[]> {
  const values = new Map<string, Set<string>>();
  const walk = (type: GraphQLOutputType, example: unknown): void => {
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      if (Array.isArray(example)) for (const item of example) walk(inner.ofType, item);
    } else if (isScalarType(inner)) {
      if (!BUILT_IN_SCALARS.has(inner.name) && typeof example === 'string' && ENUM_LIKE_VALUE.test(example)) {
        values.set(inner.name, (values.get(inner.name) ?? new Set()).add(example));
      }
    } else if (typeof example === 'object' && example !== null) {
      const objectType = isAbstractType(inner) ? schema.getType(exampleTypename(example) ?? '') : inner;
      if (!isObjectType(objectType)) return;
      for (const [name, field] of Object.entries(objectType.getFields())) walk(field.type, (example as Record<string, unknown>)[name]);
    }
  };
  const mutationFields = schema.getMutationType()?.getFields() ?? {};
  for (const operation of catalog.operations) {
    const field = mutationFields[operation.field];
    if (field) walk(field.type, operation.example);
  }
  return new Map([...values].map(([name, set]) => [name, [...set].sort()]));
}
