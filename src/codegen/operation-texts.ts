import { Kind, parse, print, stripIgnoredCharacters, visit } from 'graphql';
import type { DefinitionNode, FragmentDefinitionNode, OperationDefinitionNode } from 'graphql';

/**
 * The exact text sent for each operation: the operation plus every fragment it reaches,
 * with ignorable characters stripped. Computed at generation so no call parses or prints.
 */
export function operationTexts(sources: string[]): Map<string, string> {
  const definitions = sources.flatMap((source) => parse(source, { noLocation: true }).definitions);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const texts = new Map<string, string>();
  for (const definition of definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name) continue;
    const used = reachableFragments(definition, fragments);
    const document = { kind: Kind.DOCUMENT, definitions: [definition, ...used] } as const;
    texts.set(definition.name.value, stripIgnoredCharacters(print(document)));
  }
  return texts;
}

function reachableFragments(
  root: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
): FragmentDefinitionNode[] {
  const seen = new Map<string, FragmentDefinitionNode>();
  const pending: DefinitionNode[] = [root];
  while (pending.length > 0) {
    const next = pending.pop() as DefinitionNode;
    visit(next, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (!fragment) throw new Error(`Fragment "${name}" is spread but never defined.`);
        if (seen.has(name)) return;
        seen.set(name, fragment);
        pending.push(fragment);
      },
    });
  }
  return [...seen.values()].sort((a, b) => a.name.value.localeCompare(b.name.value));
}
