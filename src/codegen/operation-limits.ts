/**
 * A user's own operation is costed by the rule the generated ones are (Kraken's: complexity 200, 10,000
 * nodes; mocks/limits.ts): one over is named at generate time with its cost, the limit and the field that
 * costs most, instead of failing with KT-CT-1188 or KT-CT-1189 at run time. Page sizes given by variables
 * count as 1 here: paginate sizes those pages to fit (KrakenConnection.startPageSize).
 */
import { Kind, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { DEFAULT_REQUEST_LIMITS, requestCost, type RequestCost } from '../../mocks/limits.js';

interface CostlyField {
  path: string;
  size: number;
  cost: RequestCost;
}

/** The page size a field asks for with a literal `first`/`last`, else 1. */
function literalSize(field: FieldNode): number {
  for (const argument of field.arguments ?? []) {
    if ((argument.name.value === 'first' || argument.name.value === 'last') && argument.value.kind === Kind.INT) return Math.max(1, Number(argument.value.value));
  }
  return 1;
}

/** Each field's cost (its own and its selection's, times the page sizes around it), by response path. */
function fieldCosts(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, path: string, around: number, found: CostlyField[], seen: Set<string>): RequestCost {
  let complexity = 0;
  let nodes = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const here = path === '' ? (selection.alias?.value ?? selection.name.value) : `${path}.${selection.alias?.value ?? selection.name.value}`;
      const size = literalSize(selection);
      const inner = selection.selectionSet ? fieldCosts(selection.selectionSet, fragments, here, around * size, found, seen) : { complexity: 0, nodes: 0 };
      const own = { complexity: (selection.selectionSet ? 1 : 0) + size * inner.complexity, nodes: 1 + size * inner.nodes };
      found.push({ path: here, size, cost: { complexity: own.complexity * around, nodes: own.nodes * around } });
      complexity += own.complexity;
      nodes += own.nodes;
    } else {
      const set = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : seen.has(selection.name.value) ? undefined : fragments.get(selection.name.value)?.selectionSet;
      if (!set) continue;
      if (selection.kind === Kind.FRAGMENT_SPREAD) seen.add(selection.name.value);
      const part = fieldCosts(set, fragments, path, around, found, seen);
      if (selection.kind === Kind.FRAGMENT_SPREAD) seen.delete(selection.name.value);
      complexity += part.complexity;
      nodes += part.nodes;
    }
  }
  return { complexity, nodes };
}

/** Why the operation is over Kraken's limits (one sentence), or undefined when it fits. */
export function overLimitProblem(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  limits: RequestCost = DEFAULT_REQUEST_LIMITS,
): string | undefined {
  const cost = requestCost({ kind: Kind.DOCUMENT, definitions: [operation, ...fragments.values()] });
  const overComplexity = cost.complexity > limits.complexity;
  const overNodes = cost.nodes > limits.nodes;
  if (!overComplexity && !overNodes) return undefined;
  const found: CostlyField[] = [];
  fieldCosts(operation.selectionSet, fragments, '', 1, found, new Set());
  const measure = (field: CostlyField): number => (overComplexity ? field.cost.complexity : field.cost.nodes);
  // The paged list that costs most is what to shrink; without one, the costliest root field.
  const paged = found.filter((field) => field.size > 1);
  const costliest = (paged.length > 0 ? paged : found.filter((field) => !field.path.includes('.'))).reduce<CostlyField | undefined>(
    (best, field) => (best === undefined || measure(field) > measure(best) ? field : best),
    undefined,
  );
  const what = overComplexity ? `complexity ${cost.complexity} over the limit of ${limits.complexity}` : `${cost.nodes} nodes over the limit of ${limits.nodes}`;
  const field = costliest ? `; the costliest field is ${costliest.path}${costliest.size > 1 ? ` (${costliest.size} per page)` : ''} at ${measure(costliest)}` : '';
  return `operation ${operation.name?.value ?? '(unnamed)'}: ${what} (Kraken refuses it with ${overComplexity ? 'KT-CT-1188' : 'KT-CT-1189'})${field}`;
}
