/**
 * The "exact vs open" table: how much of what a brand's documented mutations send and receive has
 * an exact TypeScript type, and how much is open (`unknown`, an open JSON object, or an object
 * known only by `__typename`).
 */
import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLScalarType,
  getNamedType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { PLACEHOLDER_FIELD } from './schema-sdl.js';

export interface ExactOpen {
  exact: number;
  open: number;
}

export interface TypingCoverage {
  arguments: ExactOpen;
  /** Fields of the input objects the arguments name (first level). */
  inputFields: ExactOpen;
  /** Fields of every object reachable from the documented mutations' results, each type counted once. */
  resultFields: ExactOpen;
}

/** TypeScript mappings that promise nothing about the value. */
const OPEN_TS_TYPES = new Set(['unknown', 'any', '{ [key: string]: unknown }']);

/**
 * Counts exact and open types over the given mutation fields of a schema.
 * `scalars` maps custom scalar names to their TypeScript types (as handed to codegen).
 */
export function typingCoverage(schema: GraphQLSchema, mutationFields: readonly string[], scalars: Record<string, string>): TypingCoverage {
  const coverage: TypingCoverage = {
    arguments: { exact: 0, open: 0 },
    inputFields: { exact: 0, open: 0 },
    resultFields: { exact: 0, open: 0 },
  };
  const count = (bucket: ExactOpen, exact: boolean): void => {
    if (exact) bucket.exact += 1;
    else bucket.open += 1;
  };
  const isExactInput = (type: GraphQLNamedType): boolean =>
    type instanceof GraphQLScalarType ? !OPEN_TS_TYPES.has(scalars[type.name] ?? 'string') : true;

  const mutation = schema.getMutationType();
  const countedInputs = new Set<string>();
  const visitedOutputs = new Set<string>();
  const pendingOutputs: GraphQLNamedType[] = [];
  for (const name of mutationFields) {
    const field = mutation?.getFields()[name];
    if (!field) continue;
    for (const argument of field.args) {
      const type = getNamedType(argument.type);
      count(coverage.arguments, isExactInput(type));
      if (type instanceof GraphQLInputObjectType && !countedInputs.has(type.name)) {
        countedInputs.add(type.name);
        for (const inputField of Object.values(type.getFields())) {
          count(coverage.inputFields, isExactInput(getNamedType(inputField.type)));
        }
      }
    }
    pendingOutputs.push(getNamedType(field.type));
  }
  while (pendingOutputs.length > 0) {
    const type = pendingOutputs.pop() as GraphQLNamedType;
    if (visitedOutputs.has(type.name)) continue;
    visitedOutputs.add(type.name);
    if (isUnionType(type)) pendingOutputs.push(...type.getTypes());
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      if (field.name === PLACEHOLDER_FIELD) continue;
      const named = getNamedType(field.type);
      if (named instanceof GraphQLScalarType) count(coverage.resultFields, !OPEN_TS_TYPES.has(scalars[named.name] ?? 'string'));
      else if (named instanceof GraphQLEnumType) count(coverage.resultFields, true);
      else {
        count(coverage.resultFields, !onlyTypename(named));
        pendingOutputs.push(named);
      }
    }
  }
  return coverage;
}

/** An object, interface or union whose members document no field: only `__typename` can be selected. */
function onlyTypename(type: GraphQLNamedType): boolean {
  if (isUnionType(type)) return type.getTypes().every(onlyTypename);
  if (isObjectType(type) || isInterfaceType(type)) {
    return Object.keys(type.getFields()).every((name) => name === PLACEHOLDER_FIELD);
  }
  return false;
}

/** The table as Markdown rows: one per brand. */
export function coverageRows(rows: { brand: string; coverage: TypingCoverage }[]): string {
  const cell = (bucket: ExactOpen): string => `${bucket.exact} / ${bucket.open}`;
  return [
    '| brand | arguments exact / open | input fields exact / open | result fields exact / open |',
    '|---|---|---|---|',
    ...rows.map(({ brand, coverage }) =>
      `| ${brand} | ${cell(coverage.arguments)} | ${cell(coverage.inputFields)} | ${cell(coverage.resultFields)} |`,
    ),
  ].join('\n');
}
