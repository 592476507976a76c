/**
 * Selections built from a schema: every scalar and enum field, nested objects down to a depth,
 * union and interface members by inline fragments; never a field that needs arguments, and no
 * deprecated field unless asked.
 *
 * Sibling member fragments may share a field name with different types (`number: String` on one
 * member, `number: String!` on another). GraphQL refuses such a selection (OverlappingFieldsCanBeMerged),
 * so every member whose field differs from the first member's (by name order) selects it under an
 * alias, `<field>_<Member>`: the generated types carry the alias, and `__typename` still says which
 * member a value is.
 */
import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isUnionType,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

export interface SelectionOptions {
  /** How many levels of nested objects below the root field's type (default 2). */
  depth: number;
  includeDeprecated: boolean;
  /** Enter composite fields that are lists below the root (default true); turned off to trim a selection. */
  nestedLists?: boolean;
}

/** One field (`key` is its response name: the field's name or an alias) or one inline fragment. */
type Selection = { key: string; field: string; children?: Selection[] } | { on: string; children: Selection[] };

/** The selection set (with braces) for a composite type. */
export function selectionFor(schema: GraphQLSchema, type: GraphQLCompositeType, options: SelectionOptions): string {
  return render(selectionOn(schema, type, options.depth, options), '');
}

function render(selections: Selection[], indent: string): string {
  const inner = `${indent}  `;
  const lines = selections.map((selection) => {
    if ('on' in selection) return `${inner}... on ${selection.on} ${render(selection.children, inner)}`;
    const name = selection.key === selection.field ? selection.field : `${selection.key}: ${selection.field}`;
    return selection.children ? `${inner}${name} ${render(selection.children, inner)}` : `${inner}${name}`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function selectable(field: GraphQLField<unknown, unknown>, options: SelectionOptions): boolean {
  if (field.deprecationReason != null && !options.includeDeprecated) return false;
  return !field.args.some((argument) => isNonNullType(argument.type) && argument.defaultValue === undefined);
}

const byName = <T extends { name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Selections on `type`; `remaining` nested levels may still be entered. */
function selectionOn(schema: GraphQLSchema, type: GraphQLCompositeType, remaining: number, options: SelectionOptions): Selection[] {
  if (!isAbstractType(type)) return nonEmpty(fieldSelections(schema, Object.values(type.getFields()), remaining, options));
  const selections: Selection[] = [{ key: '__typename', field: '__typename' }];
  const shared = isInterfaceType(type) ? type.getFields() : {};
  if (!isUnionType(type)) selections.push(...fieldSelections(schema, Object.values(shared), remaining, options));
  const members = [...schema.getPossibleTypes(type)].sort(byName);
  const aliases = memberAliases(members, new Set(Object.keys(shared)));
  for (const member of members) {
    const own = Object.values(member.getFields()).filter((field) => !Object.hasOwn(shared, field.name));
    const children = fieldSelections(schema, own, remaining, options, (name) => aliases.get(`${member.name}.${name}`) ?? name);
    if (children.length > 0) selections.push({ on: member.name, children });
  }
  return selections;
}

/**
 * `Member.field` -> alias, for each member field whose type differs from the type the first member
 * having that field gives it. Two fields of one type and depth get the same sub-selection, so the
 * type (wrappers included) is all that decides whether they can merge.
 */
function memberAliases(members: readonly GraphQLObjectType[], shared: ReadonlySet<string>): Map<string, string> {
  const firstType = new Map<string, string>();
  const taken = new Set<string>(shared);
  for (const member of members) for (const name of Object.keys(member.getFields())) taken.add(name);
  const aliases = new Map<string, string>();
  for (const member of members) {
    for (const field of Object.values(member.getFields())) {
      if (shared.has(field.name)) continue;
      const type = String(field.type);
      const first = firstType.get(field.name);
      if (first === undefined) firstType.set(field.name, type);
      else if (first !== type) {
        let alias = `${field.name}_${member.name}`;
        while (taken.has(alias)) alias = `${alias}_`;
        taken.add(alias);
        aliases.set(`${member.name}.${field.name}`, alias);
      }
    }
  }
  return aliases;
}

function fieldSelections(
  schema: GraphQLSchema,
  fields: readonly GraphQLField<unknown, unknown>[],
  remaining: number,
  options: SelectionOptions,
  keyOf: (name: string) => string = (name) => name,
): Selection[] {
  const selections: Selection[] = [];
  for (const field of fields) {
    if (!selectable(field, options)) continue;
    const named = getNamedType(field.type);
    const key = keyOf(field.name);
    if (!isCompositeType(named)) selections.push({ key, field: field.name });
    else if (remaining > 0 && (options.nestedLists !== false || !isListType(isNonNullType(field.type) ? field.type.ofType : field.type))) {
      selections.push({ key, field: field.name, children: selectionOn(schema, named, remaining - 1, options) });
    }
  }
  return selections;
}

/** A composite needs a non-empty selection: when nothing else can be selected, its type name. */
function nonEmpty(selections: Selection[]): Selection[] {
  return selections.length > 0 ? selections : [{ key: '__typename', field: '__typename' }];
}
