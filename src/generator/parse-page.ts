import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { ERRORS_MARKER, parseErrorList } from '../catalog/error-list.js';
import type { CatalogDeprecation, EndpointKind } from '../catalog/types.js';
import { PageParseError } from './errors.js';
import { splitPageLines, type PageLine } from './page-lines.js';

export interface ParsedError {
  code: string;
  message: string;
  line: number;
}

export interface ParsedFieldDeprecation {
  field: string;
  reason: string;
}

/** One documented mutation, as read from the page (nothing inferred yet). */
export interface ParsedEntry {
  /** Mutation field name: the heading, or (for entries that lost it) the operation's root field. */
  field: string;
  /** Line where the entry starts (its heading, or its first line when the heading was lost). */
  line: number;
  /** True when the heading (name, Type:, URL:) was lost and the entry was recovered from its operation. */
  recovered: boolean;
  /** The `Type:` value as written (may end in `!`), or null when the page gives none. */
  returnType: string | null;
  url: string;
  endpoint: EndpointKind;
  description: string;
  /** Errors in page order, repeats included. */
  errors: ParsedError[];
  deprecation: CatalogDeprecation | null;
  argumentDescriptions: string[];
  returnFieldDescriptions: string[];
  /** Return fields the Return-fields table marks "Deprecated". */
  fieldDeprecations: ParsedFieldDeprecation[];
  operationText: string;
  operationLine: number;
  operation: OperationDefinitionNode;
  variablesText: string | null;
  responseText: string;
  responseLine: number;
}

export interface ParsedPage {
  source: string;
  endpoints: { api: string; auth?: string };
  entries: ParsedEntry[];
}

const SECTION_HEADERS: Record<string, EndpointKind> = {
  'API Site': 'api',
  'Authentication Server': 'auth',
};
const BLOCK_MARKERS = new Set([ERRORS_MARKER, 'Deprecated', 'Arguments', 'Return fields', 'Mutation']);
const FIELD_NAME = /^[a-z][A-Za-z0-9_]*$/;

/** Reads a mutations reference page into entries. Throws PageParseError on anything it cannot read. */
export function parsePage(text: string, options: { source: string }): ParsedPage {
  const { source } = options;
  if (text.trim() === '') {
    throw new PageParseError('the page is empty', { source, entry: null, line: 1 });
  }
  const reader = new LineReader(splitPageLines(text), source);
  reader.skipPreamble();

  const entries: ParsedEntry[] = [];
  const sectionUrls = new Map<EndpointKind, string>();
  let section: EndpointKind = 'api';
  while (!reader.done()) {
    const current = reader.peek();
    if (current.text === '') {
      reader.next();
      continue;
    }
    const sectionKind = SECTION_HEADERS[current.text];
    if (sectionKind !== undefined) {
      section = sectionKind;
      reader.next();
      continue;
    }
    const entry = readEntry(reader, section, sectionUrls.get(section) ?? null, entries.at(-1)?.field ?? null);
    const known = sectionUrls.get(section);
    if (known !== undefined && known !== entry.url) {
      throw new PageParseError(`URL ${entry.url} differs from ${known} used by earlier entries of this section`, {
        source,
        entry: entry.field,
        line: entry.line,
      });
    }
    sectionUrls.set(section, entry.url);
    entries.push(entry);
  }

  const api = sectionUrls.get('api');
  if (entries.length === 0 || api === undefined) {
    throw new PageParseError('no documented mutations found: not a Kraken mutations reference page', {
      source,
      entry: null,
      line: 1,
    });
  }
  const auth = sectionUrls.get('auth');
  return { source, endpoints: auth === undefined ? { api } : { api, auth }, entries };
}

class LineReader {
  private index = 0;
  constructor(
    private readonly lines: PageLine[],
    readonly source: string,
  ) {}

  done(): boolean {
    return this.index >= this.lines.length;
  }
  peek(): PageLine {
    return this.lines[this.index] ?? { text: '', line: this.lastLine() };
  }
  peekAt(offset: number): PageLine | undefined {
    return this.lines[this.index + offset];
  }
  next(): PageLine {
    const line = this.peek();
    this.index += 1;
    return line;
  }
  lastLine(): number {
    return this.lines.at(-1)?.line ?? 1;
  }
  fail(problem: string, entry: string | null, line = this.peek().line): never {
    throw new PageParseError(problem, { source: this.source, entry, line });
  }

  /** Skips the page's introduction: everything before the first section header or entry heading. */
  skipPreamble(): void {
    while (!this.done()) {
      const current = this.peek();
      if (SECTION_HEADERS[current.text] !== undefined || this.atHeading()) return;
      this.next();
    }
    this.fail('no documented mutations found: not a Kraken mutations reference page', null, 1);
  }

  atHeading(): boolean {
    const following = this.peekAt(1)?.text ?? '';
    return FIELD_NAME.test(this.peek().text) && (following.startsWith('Type:') || following.startsWith('URL:'));
  }

  /** Skips blank lines and returns the next non-blank line without consuming it. */
  peekContent(): PageLine {
    while (!this.done() && this.peek().text === '') this.next();
    return this.peek();
  }
}

function readEntry(
  reader: LineReader,
  section: EndpointKind,
  sectionUrl: string | null,
  previousEntry: string | null,
): ParsedEntry {
  const start = reader.peek();
  let headingName: string | null = null;
  let returnType: string | null = null;
  let url: string | null = null;

  if (reader.atHeading()) {
    headingName = reader.next().text;
    const typeLine = reader.peek();
    if (typeLine.text.startsWith('Type:')) {
      returnType = typeLine.text.slice('Type:'.length).trim();
      if (!/^\[?[A-Za-z_][A-Za-z0-9_]*!?\]?!?$/.test(returnType)) {
        reader.fail(`unreadable Type: line "${typeLine.text}"`, headingName);
      }
      reader.next();
    }
    const urlLine = reader.peek();
    if (!urlLine.text.startsWith('URL:')) reader.fail('expected a URL: line', headingName);
    url = urlLine.text.slice('URL:'.length).trim();
    if (!/^https?:\/\/\S+$/.test(url)) reader.fail(`unreadable URL "${url}"`, headingName);
    reader.next();
  } else if (!BLOCK_MARKERS.has(start.text)) {
    const after = previousEntry === null ? '' : ` after entry "${previousEntry}"`;
    reader.fail(`unexpected line "${start.text.slice(0, 80)}"${after}: expected an entry heading`, previousEntry);
  }
  const label = headingName ?? `(entry without heading at line ${start.line})`;

  const descriptionLines: string[] = [];
  while (!reader.done() && !BLOCK_MARKERS.has(reader.peek().text)) {
    descriptionLines.push(reader.next().text);
  }

  const errors: ParsedError[] = [];
  if (reader.peek().text === ERRORS_MARKER) {
    reader.next();
    readErrors(reader, label, errors);
  }

  let deprecation: CatalogDeprecation | null = null;
  if (reader.peek().text === 'Deprecated') {
    deprecation = readDeprecation(reader, label);
  }

  let argumentDescriptions: string[] = [];
  if (reader.peek().text === 'Arguments') {
    reader.next();
    argumentDescriptions = readTable(reader, label);
  }
  let returnFieldDescriptions: string[] = [];
  if (reader.peek().text === 'Return fields') {
    reader.next();
    returnFieldDescriptions = readTable(reader, label);
  }

  if (reader.peek().text !== 'Mutation') reader.fail(`expected "Mutation", found "${reader.peek().text}"`, label);
  reader.next();
  const operationStart = reader.peekContent();
  const operationText = readBracedBlock(reader, label, 'operation', /^mutation\b/);
  const operation = parseOperation(operationText, reader, label, operationStart.line);
  const rootField = operation.selectionSet.selections[0];
  if (operation.selectionSet.selections.length !== 1 || rootField?.kind !== Kind.FIELD) {
    reader.fail('the operation must select exactly one mutation field', label, operationStart.line);
  }
  const field = rootField.name.value;
  if (headingName !== null && headingName !== field) {
    reader.fail(`the operation selects "${field}", not the entry's own field`, headingName, operationStart.line);
  }

  let variablesText: string | null = null;
  if (reader.peekContent().text === 'Variables') {
    reader.next();
    // Some entries print a "Variables" heading with no example under it.
    if (reader.peekContent().text !== 'Response') variablesText = readBracedBlock(reader, field, 'Variables example');
  }
  if (reader.peekContent().text !== 'Response') reader.fail('expected a "Response" example', field);
  reader.next();
  const responseStart = reader.peekContent();
  const responseText = readBracedBlock(reader, field, 'Response example');

  const resolvedUrl = url ?? sectionUrl;
  if (resolvedUrl === null) reader.fail('the entry has no URL: line and no earlier entry gives one', field, start.line);

  const fieldDeprecations: ParsedFieldDeprecation[] = [];
  for (const row of returnFieldDescriptions) {
    for (const match of row.matchAll(/Deprecated The '([A-Za-z0-9_]+)' field is deprecated\./g)) {
      fieldDeprecations.push({ field: match[1] ?? '', reason: `The '${match[1] ?? ''}' field is deprecated.` });
    }
  }

  return {
    field,
    line: start.line,
    recovered: headingName === null,
    returnType,
    url: resolvedUrl,
    endpoint: section,
    description: joinProse(descriptionLines),
    errors,
    deprecation,
    argumentDescriptions,
    returnFieldDescriptions,
    fieldDeprecations,
    operationText,
    operationLine: operationStart.line,
    operation,
    variablesText,
    responseText,
    responseLine: responseStart.line,
  };
}

function readErrors(reader: LineReader, label: string, errors: ParsedError[]): void {
  const lines: PageLine[] = [];
  while (!reader.done() && !BLOCK_MARKERS.has(reader.peek().text)) lines.push(reader.next());
  const list = parseErrorList(
    lines.map((line) => line.text),
    { joinMessage: joinProse },
  );
  if (list.unreadable) reader.fail(`unreadable error line "${list.unreadable.text.slice(0, 80)}"`, label, lines[list.unreadable.line]?.line);
  for (const item of list.items) errors.push({ code: item.code, message: item.message, line: lines[item.line]?.line ?? 0 });
  if (errors.length === 0) reader.fail('the error list is empty', label);
}

function readDeprecation(reader: LineReader, label: string): CatalogDeprecation {
  const header = reader.next();
  const reasonLines: string[] = [];
  let deprecatedOn: string | null = null;
  let removalOn: string | null = null;
  while (!reader.done() && !BLOCK_MARKERS.has(reader.peek().text)) {
    const current = reader.next();
    const marked = /^- Marked as deprecated on (\d{4}-\d{2}-\d{2})\.?$/.exec(current.text);
    const removal = /^- Scheduled for removal on or after (\d{4}-\d{2}-\d{2})\.?$/.exec(current.text);
    if (marked) deprecatedOn = marked[1] ?? null;
    else if (removal) removalOn = removal[1] ?? null;
    else if (current.text !== '') reasonLines.push(current.text);
  }
  if (deprecatedOn === null || removalOn === null) {
    reader.fail('the Deprecated block lacks its "Marked as deprecated on" or "Scheduled for removal" date', label, header.line);
  }
  // The first sentence only restates that the field is deprecated; the rest is the reason.
  const standard = /^The '[A-Za-z0-9_]+' field is deprecated\.\s*/;
  const prose = joinProse(reasonLines);
  const reason = prose.replace(standard, '').trim() || prose;
  if (reason === '') reader.fail('the Deprecated block gives no reason', label, header.line);
  return { reason, deprecatedOn, removalOn };
}

/** Reads a two-column table whose Name column was lost; returns the description column. */
function readTable(reader: LineReader, label: string): string[] {
  const rows: string[] = [];
  let sawSeparator = false;
  let pending: string[] = [];
  while (!reader.done() && !BLOCK_MARKERS.has(reader.peek().text)) {
    const current = reader.next();
    if (!sawSeparator) {
      if (/^\|?(\s*-{3,}\s*\|?)+$/.test(current.text)) sawSeparator = true;
      else if (!/^\|?\s*Name\s*(\|\s*Description\s*)?\|?$/.test(current.text)) {
        reader.fail(`unreadable table header "${current.text.slice(0, 80)}"`, label, current.line);
      }
      continue;
    }
    // A row ends with "|"; its leading "|" may be missing and its cell may break over lines.
    pending.push(current.text);
    if (current.text.endsWith('|')) {
      rows.push(pending.join('\n'));
      pending = [];
    }
  }
  if (pending.some((part) => part !== '')) {
    rows.push(pending.join('\n'));
  }
  return rows.map((row) =>
    joinProse(
      row
        .split('\n')
        .map((part) => part.replace(/^\|/, '').replace(/\|$/, ''))
        .map((part) => part.trim()),
    ),
  );
}

/** Reads lines until the braces opened on the first content line are all closed. */
function readBracedBlock(reader: LineReader, label: string, what: string, opening: RegExp = /^\{/): string {
  const first = reader.peekContent();
  if (!opening.test(first.text)) reader.fail(`expected the ${what} to start with ${String(opening)}`, label, first.line);
  const lines: string[] = [];
  let depth = 0;
  let opened = false;
  while (!reader.done()) {
    const current = reader.next();
    lines.push(current.text);
    depth += braceDelta(current.text);
    if (depth > 0) opened = true;
    if (opened && depth === 0) return lines.join('\n');
    if (depth < 0) break;
  }
  return reader.fail(`the ${what} never closes its braces`, label, first.line);
}

/** Net `{` minus `}` outside string literals. */
function braceDelta(text: string): number {
  let delta = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') delta += 1;
    else if (char === '}') delta -= 1;
  }
  return delta;
}

function parseOperation(text: string, reader: LineReader, label: string, line: number): OperationDefinitionNode {
  let definitions;
  try {
    definitions = parse(text, { noLocation: false }).definitions;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return reader.fail(`the operation text is not valid GraphQL: ${message}`, label, line);
  }
  const operation = definitions[0];
  if (definitions.length !== 1 || operation?.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'mutation') {
    return reader.fail('the operation text must hold exactly one mutation', label, line);
  }
  if (!operation.name) return reader.fail('the mutation has no operation name', label, line);
  return operation;
}

/**
 * Joins scraped prose lines. Lines that end a sentence or look like list items / code keep
 * their line break; a sentence broken over lines is joined with a space, and a line that is
 * only punctuation attaches to the previous word.
 */
export function joinProse(lines: string[]): string {
  let out = '';
  for (const line of lines.map((l) => l.trim()).filter((l) => l !== '')) {
    if (out === '') {
      out = line;
      continue;
    }
    const structural = /^[-{}[\]"]/.test(line) || /[{}[\],]$/.test(out) || /(^|\n)json$/.test(out);
    if (/^[,.;:!?)]/.test(line)) out += line;
    else if (structural || /[.:!?]$/.test(out)) out += `\n${line}`;
    else out += ` ${line}`;
  }
  return out;
}
