/**
 * Selections built from a schema: every scalar and enum field, nested objects down to a depth,
 * union and interface members by inline fragments; never a field that needs arguments, and no
 * deprecated field unless asked.
 */
import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';

export interface SelectionOptions {
  /** How many levels of nested objects below the root field's type (default 2). */
  depth: number;
  includeDeprecated: boolean;
}

/** The selection set (with braces) for a composite type, or null for a leaf type. */
export function selectionFor(schema: GraphQLSchema, type: GraphQLCompositeType, options: SelectionOptions): string {
  return block(selectionLines(schema, type, options.depth, options), '');
}

function block(lines: string[], indent: string): string {
  return `{\n${lines.map((line) => `${indent}  ${line}`).join('\n')}\n${indent}}`;
}

function selectable(field: GraphQLField<unknown, unknown>, options: SelectionOptions): boolean {
  if (field.deprecationReason != null && !options.includeDeprecated) return false;
  return !field.args.some((argument) => isNonNullType(argument.type) && argument.defaultValue === undefined);
}

/** Lines of a selection on `type`; `remaining` nested levels may still be entered. */
function selectionLines(schema: GraphQLSchema, type: GraphQLCompositeType, remaining: number, options: SelectionOptions): string[] {
  const lines: string[] = isAbstractType(type) ? ['__typename'] : [];
  const own = isUnionType(type) ? [] : fieldLines(schema, Object.values(type.getFields()), remaining, options);
  lines.push(...own);
  if (isAbstractType(type)) {
    const shared = new Set(isInterfaceType(type) ? Object.keys(type.getFields()) : []);
    for (const member of [...schema.getPossibleTypes(type)].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const extra = fieldLines(schema, Object.values(member.getFields()).filter((field) => !shared.has(field.name)), remaining, options);
      if (extra.length > 0) lines.push(`... on ${member.name} ${block(extra, '')}`.replace(/\n/g, '\n  '));
    }
  }
  // A composite needs a non-empty selection: when nothing else can be selected, its type name.
  if (lines.length === 0) lines.push('__typename');
  return lines;
}

function fieldLines(schema: GraphQLSchema, fields: GraphQLField<unknown, unknown>[], remaining: number, options: SelectionOptions): string[] {
  const lines: string[] = [];
  for (const field of fields) {
    if (!selectable(field, options)) continue;
    const named = getNamedType(field.type);
    if (!isCompositeType(named)) {
      lines.push(field.name);
    } else if (remaining > 0 && (isObjectType(named) || isAbstractType(named))) {
      const inner = selectionLines(schema, named, remaining - 1, options);
      lines.push(`${field.name} ${block(inner, '')}`.replace(/\n/g, '\n  '));
    }
  }
  return lines;
}
