import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentNode, FragmentDefinitionNode, OperationDefinitionNode } from 'graphql';
import { Kind, parse, print, visit } from 'graphql';

export interface OperationFile {
  name: string;
  /** The operation plus exactly the fragments it uses (GraphQL rejects unused fragments). */
  text: string;
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

function spreadsOf(node: OperationDefinitionNode | FragmentDefinitionNode): string[] {
  const names: string[] = [];
  visit(node, { FragmentSpread: (spread) => void names.push(spread.name.value) });
  return names;
}

/** Reads operations/<brand>/*.graphql with their fragments resolved from fragments.graphql. */
export function readOperationFiles(brand: string): OperationFile[] {
  const dir = join('operations', brand);
  const files = readdirSync(dir).filter((file) => file.endsWith('.graphql') && file !== 'fragments.graphql');
  const fragmentFile = join(dir, 'fragments.graphql');
  const fragments = new Map<string, FragmentDefinitionNode>();
  try {
    for (const definition of parse(readFileSync(fragmentFile, 'utf8')).definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return files.sort().map((file) => {
    const parsed = parse(readFileSync(join(dir, file), 'utf8'));
    const operation = parsed.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
    if (!operation) throw new Error(`${file}: no operation`);
    const own = new Set(parsed.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [definition.name.value] : [])));
    const needed = new Map<string, FragmentDefinitionNode>();
    const queue = spreadsOf(operation);
    while (queue.length > 0) {
      const name = queue.pop() as string;
      if (own.has(name) || needed.has(name)) continue;
      const fragment = fragments.get(name);
      if (!fragment) throw new Error(`${file}: fragment ${name} not found`);
      needed.set(name, fragment);
      queue.push(...spreadsOf(fragment));
    }
    const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [...parsed.definitions, ...needed.values()] };
    return { name: file.replace(/\.graphql$/, ''), text: print(document), document, operation };
  });
}
