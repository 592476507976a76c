/**
 * Drift between a brand's documented catalog (the reference page) and a pulled schema: what the
 * page promises that the server no longer does, and what the server has that the page does not say.
 */
import type { GraphQLSchema } from 'graphql';
import type { Catalog, CatalogDeprecation } from '../catalog/types.js';
import { errorsFromDescription } from '../catalog/error-list.js';

export interface ArgumentChange {
  field: string;
  argument: string;
  /** null: the server has an argument the page does not document. */
  documented: string | null;
  /** null: the server no longer has the argument. */
  server: string | null;
}

export interface DeprecationChange {
  field: string;
  documented: CatalogDeprecation | null;
  /** The server's deprecation reason, null when the server does not deprecate the field. */
  server: string | null;
  /** Dates the server's reason gives, when it gives them. */
  serverDeprecatedOn: string | null;
  serverRemovalOn: string | null;
}

export interface DriftReport {
  brand: string;
  /** Documented mutations the server does not have. */
  missingOnServer: string[];
  /** Server mutations the page does not document. */
  undocumented: string[];
  argumentChanges: ArgumentChange[];
  returnTypeChanges: { field: string; documented: string; server: string }[];
  deprecationChanges: DeprecationChange[];
  /** Documented codes that the server's description of the field no longer lists. */
  unlistedErrorCodes: { field: string; codes: string[] }[];
}

const DEPRECATED_ON = /deprecated on (\d{4}-\d{2}-\d{2})/i;
const REMOVAL_ON = /removal on or after (\d{4}-\d{2}-\d{2})/i;

export function compareWithCatalog(catalog: Catalog, schema: GraphQLSchema): DriftReport {
  const serverFields = schema.getMutationType()?.getFields() ?? {};
  // Operations of a separate authentication server are not on the API's schema.
  const documented = catalog.operations.filter((operation) => operation.endpoint === 'api');
  const documentedFields = new Set(catalog.operations.map((operation) => operation.field));
  const report: DriftReport = {
    brand: catalog.brand,
    missingOnServer: [],
    undocumented: Object.keys(serverFields).filter((name) => !documentedFields.has(name)).sort(),
    argumentChanges: [],
    returnTypeChanges: [],
    deprecationChanges: [],
    unlistedErrorCodes: [],
  };
  for (const operation of documented) {
    const field = serverFields[operation.field];
    if (!field) {
      report.missingOnServer.push(operation.field);
      continue;
    }
    const serverArgs = new Map(field.args.map((argument) => [argument.name, String(argument.type)]));
    for (const argument of operation.args) {
      const server = serverArgs.get(argument.name) ?? null;
      if (server !== argument.type) report.argumentChanges.push({ field: operation.field, argument: argument.name, documented: argument.type, server });
    }
    for (const [name, type] of serverArgs) {
      if (!operation.args.some((argument) => argument.name === name)) {
        report.argumentChanges.push({ field: operation.field, argument: name, documented: null, server: type });
      }
    }
    // Without a Type: line the page does not say the return type: nothing to compare.
    if (operation.returnType !== null && operation.returnType !== String(field.type)) {
      report.returnTypeChanges.push({ field: operation.field, documented: operation.returnType, server: String(field.type) });
    }
    const reason = field.deprecationReason ?? null;
    const serverDeprecatedOn = reason?.match(DEPRECATED_ON)?.[1] ?? null;
    const serverRemovalOn = reason?.match(REMOVAL_ON)?.[1] ?? null;
    const datesDiffer =
      operation.deprecation !== null &&
      ((serverDeprecatedOn !== null && serverDeprecatedOn !== operation.deprecation.deprecatedOn) ||
        (serverRemovalOn !== null && serverRemovalOn !== operation.deprecation.removalOn));
    if ((operation.deprecation === null) !== (reason === null) || datesDiffer) {
      report.deprecationChanges.push({ field: operation.field, documented: operation.deprecation, server: reason, serverDeprecatedOn, serverRemovalOn });
    }
    const listed = errorsFromDescription(field.description);
    // A description that lists no errors at all says nothing about them.
    if (listed.length > 0) {
      const codes = operation.errors.map((error) => error.code).filter((code) => !listed.some((error) => error.code === code));
      if (codes.length > 0) report.unlistedErrorCodes.push({ field: operation.field, codes });
    }
  }
  report.missingOnServer.sort();
  return report;
}

export function hasDrift(report: DriftReport): boolean {
  return (
    report.missingOnServer.length +
      report.undocumented.length +
      report.argumentChanges.length +
      report.returnTypeChanges.length +
      report.deprecationChanges.length +
      report.unlistedErrorCodes.length >
    0
  );
}

/** A readable table per kind of drift; one line when there is none. */
export function renderDriftTable(report: DriftReport): string {
  if (!hasDrift(report)) return `No drift: every documented ${report.brand} mutation matches the schema.`;
  const sections: string[] = [];
  const table = (title: string, head: string[], rows: string[][]): void => {
    if (rows.length === 0) return;
    const widths = head.map((cell, index) => Math.max(cell.length, ...rows.map((row) => (row[index] ?? '').length)));
    const line = (cells: string[]): string => cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join('  ').trimEnd();
    sections.push([`${title} (${rows.length})`, line(head), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n'));
  };
  const dash = (value: string | null): string => value ?? '-';
  table('Documented mutations missing on the server', ['mutation'], report.missingOnServer.map((field) => [field]));
  table('Server mutations not documented', ['mutation'], report.undocumented.map((field) => [field]));
  table('Argument changes', ['mutation', 'argument', 'documented', 'server'], report.argumentChanges.map((c) => [c.field, c.argument, dash(c.documented), dash(c.server)]));
  table('Return type changes', ['mutation', 'documented', 'server'], report.returnTypeChanges.map((c) => [c.field, c.documented, c.server]));
  table(
    'Deprecation changes',
    ['mutation', 'documented', 'server'],
    report.deprecationChanges.map((c) => [
      c.field,
      c.documented ? `deprecated ${c.documented.deprecatedOn}, removal ${c.documented.removalOn}` : 'not deprecated',
      c.server === null ? 'not deprecated' : `deprecated${c.serverDeprecatedOn ? ` ${c.serverDeprecatedOn}` : ''}${c.serverRemovalOn ? `, removal ${c.serverRemovalOn}` : ''}: ${c.server.split('\n')[0]}`,
    ]),
  );
  table('Documented error codes the server no longer lists', ['mutation', 'codes'], report.unlistedErrorCodes.map((c) => [c.field, c.codes.join(', ')]));
  return sections.join('\n\n');
}
