import type { DocumentNode, FieldNode, FragmentDefinitionNode, SelectionSetNode } from 'graphql';
import { Kind } from 'graphql';

/**
 * Kraken caps each request: query complexity 200 (KT-CT-1188) and 10,000 nodes (KT-CT-1189). The mock
 * measures the parsed document before validating or executing it, so an oversized request costs
 * little and issues nothing (no tokens from thousands of aliased logins).
 */
export interface KrakenRequestLimits {
  /** Maximum complexity: each field with a sub-selection, and each root field, costs 1, times the `first`/`last` of the lists around it. Default 200. */
  complexity?: number;
  /** Maximum nodes: every field selected, times the `first`/`last` of the lists around it. Default 10,000. */
  nodes?: number;
}

export const DEFAULT_REQUEST_LIMITS: Required<KrakenRequestLimits> = { complexity: 200, nodes: 10_000 };

export interface RequestCost {
  complexity: number;
  nodes: number;
}

const ZERO: RequestCost = { complexity: 0, nodes: 0 };

/** The page size a list field asks for (`first` or `last`, literal or variable), else 1. */
function pageSize(field: FieldNode, variables: Readonly<Record<string, unknown>>): number {
  for (const argument of field.arguments ?? []) {
    if (argument.name.value !== 'first' && argument.name.value !== 'last') continue;
    const value = argument.value;
    const size = value.kind === Kind.INT ? Number(value.value) : value.kind === Kind.VARIABLE ? variables[value.name.value] : undefined;
    if (typeof size === 'number' && Number.isFinite(size) && size > 1) return size;
  }
  return 1;
}

/** Complexity and node count of every operation in the document, fragments expanded (each measured once). */
export function requestCost(document: DocumentNode, variables: Readonly<Record<string, unknown>> = {}): RequestCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measured = new Map<string, RequestCost>();
  const measuring = new Set<string>();

  function costOf(selectionSet: SelectionSetNode): RequestCost {
    let complexity = 0;
    let nodes = 0;
    for (const selection of selectionSet.selections) {
      let part: RequestCost;
      if (selection.kind === Kind.FIELD) {
        const inner = selection.selectionSet ? costOf(selection.selectionSet) : ZERO;
        const size = pageSize(selection, variables);
        part = { complexity: (selection.selectionSet ? 1 : 0) + size * inner.complexity, nodes: 1 + size * inner.nodes };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        part = costOf(selection.selectionSet);
      } else {
        part = fragmentCost(selection.name.value);
      }
      complexity += part.complexity;
      nodes += part.nodes;
    }
    return { complexity, nodes };
  }

  function fragmentCost(name: string): RequestCost {
    const known = measured.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    // Unknown or cyclic fragments are validation errors; they cost nothing here.
    if (!fragment || measuring.has(name)) return ZERO;
    measuring.add(name);
    const cost = costOf(fragment.selectionSet);
    measuring.delete(name);
    measured.set(name, cost);
    return cost;
  }

  let complexity = 0;
  let nodes = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const cost = costOf(definition.selectionSet);
    // A root field costs at least 1, scalar or not.
    const scalarRoots = definition.selectionSet.selections.filter((selection) => selection.kind === Kind.FIELD && !selection.selectionSet).length;
    complexity += cost.complexity + scalarRoots;
    nodes += cost.nodes;
  }
  return { complexity, nodes };
}
