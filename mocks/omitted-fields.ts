import type { FragmentDefinitionNode, SelectionSetNode } from 'graphql';
import { Kind, getOperationAST, parse } from 'graphql';

/**
 * A result the caller may write without its nullable fields: the deprecated `possibleErrors`, or any
 * field a test does not care about. Non-null fields stay required; unknown fields stay errors.
 */
export type OmittableNullsOf<T> =
  T extends ReadonlyArray<infer Item>
    ? Array<OmittableNullsOf<Item>>
    : T extends object
      ? { [K in keyof T as null extends T[K] ? never : K]: OmittableNullsOf<T[K]> } & {
          [K in keyof T as null extends T[K] ? K : never]?: OmittableNullsOf<T[K]>;
        }
      : T;

/** `data` for a scenario: every root field named (null to say nothing), nullable fields below may be left out. */
export type MockResultOf<T> = { [K in keyof T]: OmittableNullsOf<T[K]> };

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function fillSelection(selectionSet: SelectionSetNode, value: unknown, fragments: ReadonlyMap<string, FragmentDefinitionNode>): unknown {
  if (Array.isArray(value)) return value.map((item) => fillSelection(selectionSet, item, fragments));
  if (!isObject(value)) return value;
  const filled: JsonObject = { ...value };
  const visit = (selections: SelectionSetNode): void => {
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = (selection.alias ?? selection.name).value;
        // __typename is the server's to name; without a schema the mock cannot, so it is left as given.
        if (key === '__typename') continue;
        filled[key] = Object.hasOwn(filled, key) ? (selection.selectionSet ? fillSelection(selection.selectionSet, filled[key], fragments) : filled[key]) : null;
        continue;
      }
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
      const condition = fragment?.typeCondition?.name.value;
      // A fragment applies only where the object says it has that type (or the fragment names none).
      if (fragment && (condition === undefined || condition === filled.__typename)) visit(fragment.selectionSet);
    }
  };
  visit(selectionSet);
  return filled;
}

/** `data` with every field the query selects but `data` leaves out answered as null, as a GraphQL server answers it. */
export function withOmittedFieldsNull(query: string, operationName: string | undefined, data: unknown): unknown {
  let document;
  try {
    document = parse(query);
  } catch {
    return data; // Not ours to judge: the user's data goes out as given.
  }
  const operation = getOperationAST(document, operationName);
  if (!operation) return data;
  const fragments = new Map(
    document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])),
  );
  return fillSelection(operation.selectionSet, data, fragments);
}
