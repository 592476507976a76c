/** The user's own .graphql operations: parsed, validated against the schema, errors naming file and line. */
import { GraphQLError, Kind, Source, parse, validate, type DefinitionNode, type DocumentNode, type GraphQLSchema } from 'graphql';

export interface UserDocument {
  /** Where the text came from (a path relative to where the user runs the command). */
  location: string;
  text: string;
}

export interface UserOperation {
  name: string;
  kind: 'query' | 'mutation' | 'subscription';
  /** Root fields it selects (their descriptions list its possible error codes). */
  rootFields: string[];
}

/** Every problem found in the user's operations, one `file:line:column: message` per line. */
export class UserOperationError extends Error {
  override readonly name = 'UserOperationError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

function located(error: GraphQLError, fallback: string): string {
  const where = error.source?.name ?? fallback;
  const at = error.locations?.[0];
  return `${where}${at ? `:${at.line}:${at.column}` : ''}: ${error.message}`;
}

function where(definition: DefinitionNode): string {
  return definition.loc ? `${definition.loc.source.name}:${definition.loc.startToken.line}:${definition.loc.startToken.column}` : '?';
}

export function checkUserOperations(schema: GraphQLSchema, documents: readonly UserDocument[]): UserOperation[] {
  const problems: string[] = [];
  const definitions: DefinitionNode[] = [];
  for (const document of documents) {
    try {
      definitions.push(...parse(new Source(document.text, document.location)).definitions);
    } catch (error) {
      if (error instanceof GraphQLError) problems.push(located(error, document.location));
      else throw error;
    }
  }
  if (problems.length > 0) throw new UserOperationError(problems);
  const operations: UserOperation[] = [];
  for (const definition of definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (!definition.name) {
      problems.push(`${where(definition)}: every operation needs a name (it names the generated document)`);
      continue;
    }
    if (operations.some((operation) => operation.name === definition.name?.value)) {
      problems.push(`${where(definition)}: operation ${definition.name.value} is defined twice`);
      continue;
    }
    operations.push({
      name: definition.name.value,
      kind: definition.operation,
      rootFields: definition.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : [])),
    });
  }
  const whole: DocumentNode = { kind: Kind.DOCUMENT, definitions };
  for (const error of validate(schema, whole)) problems.push(located(error, '?'));
  if (problems.length > 0) throw new UserOperationError(problems);
  return operations;
}
