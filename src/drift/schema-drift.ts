/**
 * Drift between two pulls of a schema (the one committed and tonight's): every operation (root query and
 * mutation field), argument, input field, return type, enum value and listed error code that was added,
 * removed or changed. A user's CI pulls nightly and gates on it (`drift --check`).
 */
import { isEnumType, isInputObjectType, type GraphQLField, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { errorsFromDescription } from '../catalog/error-list.js';

export type SchemaChangeKind = 'added' | 'removed' | 'changed';
export type SchemaChangeSubject = 'operation' | 'argument' | 'input field' | 'return type' | 'enum value' | 'error code';

export interface SchemaChange {
  change: SchemaChangeKind;
  subject: SchemaChangeSubject;
  /** Where: `mutation.updateWidget`, `mutation.updateWidget(input)`, `WidgetInput.label`, `AssetStatus.RETIRED`. */
  path: string;
  /** The old schema's type (or code message), for removed and changed. */
  before?: string;
  /** The new schema's, for added and changed. */
  after?: string;
}

export interface SchemaDriftReport {
  changes: SchemaChange[];
}

type Roots = Record<string, GraphQLObjectType | null | undefined>;

function roots(schema: GraphQLSchema): Roots {
  return { query: schema.getQueryType(), mutation: schema.getMutationType(), subscription: schema.getSubscriptionType() };
}

/** The changes from `before` to `after`, sorted by path then subject. */
export function compareSchemas(before: GraphQLSchema, after: GraphQLSchema): SchemaDriftReport {
  const changes: SchemaChange[] = [];
  const add = (change: SchemaChange): void => {
    changes.push(change);
  };
  const oldRoots = roots(before);
  const newRoots = roots(after);
  for (const kind of ['query', 'mutation', 'subscription'] as const) {
    const oldFields = oldRoots[kind]?.getFields() ?? {};
    const newFields = newRoots[kind]?.getFields() ?? {};
    for (const name of union(Object.keys(oldFields), Object.keys(newFields))) {
      const path = `${kind}.${name}`;
      const was = oldFields[name];
      const is = newFields[name];
      if (!was && is) add({ change: 'added', subject: 'operation', path, after: String(is.type) });
      else if (was && !is) add({ change: 'removed', subject: 'operation', path, before: String(was.type) });
      else if (was && is) compareOperation(path, was, is, add);
    }
  }
  const oldTypes = before.getTypeMap();
  const newTypes = after.getTypeMap();
  for (const name of union(Object.keys(oldTypes), Object.keys(newTypes))) {
    if (name.startsWith('__')) continue;
    const was = oldTypes[name];
    const is = newTypes[name];
    if (isInputObjectType(was) || isInputObjectType(is)) {
      const oldFields = isInputObjectType(was) ? was.getFields() : {};
      const newFields = isInputObjectType(is) ? is.getFields() : {};
      for (const field of union(Object.keys(oldFields), Object.keys(newFields))) {
        compareTyped('input field', `${name}.${field}`, oldFields[field] ? String(oldFields[field].type) : undefined, newFields[field] ? String(newFields[field].type) : undefined, add);
      }
    }
    if (isEnumType(was) || isEnumType(is)) {
      const oldValues = isEnumType(was) ? was.getValues().map((value) => value.name) : [];
      const newValues = isEnumType(is) ? is.getValues().map((value) => value.name) : [];
      for (const value of union(oldValues, newValues)) {
        if (!oldValues.includes(value)) add({ change: 'added', subject: 'enum value', path: `${name}.${value}` });
        else if (!newValues.includes(value)) add({ change: 'removed', subject: 'enum value', path: `${name}.${value}` });
      }
    }
  }
  changes.sort((a, b) => (a.path === b.path ? a.subject.localeCompare(b.subject) : a.path < b.path ? -1 : 1));
  return { changes };
}

function compareOperation(path: string, was: GraphQLField<unknown, unknown>, is: GraphQLField<unknown, unknown>, add: (change: SchemaChange) => void): void {
  if (String(was.type) !== String(is.type)) add({ change: 'changed', subject: 'return type', path, before: String(was.type), after: String(is.type) });
  const oldArgs = new Map(was.args.map((argument) => [argument.name, String(argument.type)]));
  const newArgs = new Map(is.args.map((argument) => [argument.name, String(argument.type)]));
  for (const name of union([...oldArgs.keys()], [...newArgs.keys()])) compareTyped('argument', `${path}(${name})`, oldArgs.get(name), newArgs.get(name), add);
  const oldCodes = new Map(errorsFromDescription(was.description).map((error) => [error.code, error.message]));
  const newCodes = new Map(errorsFromDescription(is.description).map((error) => [error.code, error.message]));
  for (const code of union([...oldCodes.keys()], [...newCodes.keys()])) {
    const before = oldCodes.get(code);
    const after = newCodes.get(code);
    if (before === undefined && after !== undefined) add({ change: 'added', subject: 'error code', path: `${path} ${code}`, after });
    else if (before !== undefined && after === undefined) add({ change: 'removed', subject: 'error code', path: `${path} ${code}`, before });
  }
}

function compareTyped(subject: SchemaChangeSubject, path: string, before: string | undefined, after: string | undefined, add: (change: SchemaChange) => void): void {
  if (before === undefined && after !== undefined) add({ change: 'added', subject, path, after });
  else if (before !== undefined && after === undefined) add({ change: 'removed', subject, path, before });
  else if (before !== undefined && after !== undefined && before !== after) add({ change: 'changed', subject, path, before, after });
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

/** One line per change; one line when there is none. */
export function renderSchemaDrift(report: SchemaDriftReport): string {
  if (report.changes.length === 0) return 'No drift: the two schemas have the same operations, arguments, input fields, return types, enum values and listed error codes.';
  const rows = report.changes.map((change) => [
    change.change,
    change.subject,
    change.path,
    change.change === 'changed' ? `${change.before} -> ${change.after}` : (change.after ?? change.before ?? ''),
  ]);
  const head = ['change', 'what', 'where', 'type'];
  const widths = head.map((cell, index) => Math.max(cell.length, ...rows.map((row) => (row[index] ?? '').length)));
  const line = (cells: string[]): string => cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join('  ').trimEnd();
  return [`${report.changes.length} change${report.changes.length === 1 ? '' : 's'}`, line(head), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
