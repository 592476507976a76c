/**
 * A documented mutation's operation text, built from the schema and kept within Kraken's request
 * limits (complexity 200, 10,000 nodes; the rule the mocks enforce): a selection over them is
 * trimmed, first without nested lists, then one level shallower at a time, and the trimming reported.
 */
import { getNamedType, isCompositeType, parse, print, type GraphQLField, type GraphQLSchema } from 'graphql';
import { DEFAULT_REQUEST_LIMITS, requestCost, type RequestCost } from '../../mocks/limits.js';
import { selectionFor, type SelectionOptions } from './selection.js';

export interface FittedOperation {
  text: string;
  cost: RequestCost;
  /** Set when the selection was trimmed to fit: what was given up, for the user to read. */
  trimmed?: string;
}

export function fittedOperation(
  schema: GraphQLSchema,
  operationName: string,
  field: GraphQLField<unknown, unknown>,
  options: SelectionOptions,
  limits: RequestCost = DEFAULT_REQUEST_LIMITS,
): FittedOperation {
  const build = (attempt: SelectionOptions): FittedOperation => {
    const text = operationText(schema, operationName, field, attempt);
    return { text, cost: requestCost(parse(text)) };
  };
  const fits = (candidate: FittedOperation): boolean => candidate.cost.complexity <= limits.complexity && candidate.cost.nodes <= limits.nodes;
  const full = build(options);
  if (fits(full)) return full;
  for (let depth = options.depth; depth >= 0; depth -= 1) {
    for (const nestedLists of depth === options.depth ? [false] : [true, false]) {
      const candidate = build({ ...options, depth, nestedLists });
      if (!fits(candidate)) continue;
      const how = `${depth < options.depth ? `depth ${depth} instead of ${options.depth}` : ''}${depth < options.depth && !nestedLists ? ', ' : ''}${nestedLists ? '' : 'no nested lists'}`;
      return {
        ...candidate,
        trimmed: `${operationName}: selection trimmed to ${how} to stay within Kraken's limits (complexity ${full.cost.complexity} -> ${candidate.cost.complexity} of ${limits.complexity}, nodes ${full.cost.nodes} -> ${candidate.cost.nodes} of ${limits.nodes})`,
      };
    }
  }
  // Depth 0 without lists selects scalars only: over the limits only for a type of thousands of fields.
  return { ...build({ ...options, depth: 0, nestedLists: false }), trimmed: `${operationName}: selection exceeds Kraken's limits even at depth 0` };
}

function operationText(schema: GraphQLSchema, operationName: string, field: GraphQLField<unknown, unknown>, options: SelectionOptions): string {
  const variables = field.args.map((argument) => `$${argument.name}: ${String(argument.type)}`);
  const args = field.args.map((argument) => `${argument.name}: $${argument.name}`);
  const result = getNamedType(field.type);
  const body = isCompositeType(result) ? ` ${selectionFor(schema, result, options)}` : '';
  return print(parse(`mutation ${operationName}${variables.length ? `(${variables.join(', ')})` : ''} {\n  ${field.name}${args.length ? `(${args.join(', ')})` : ''}${body}\n}`));
}
