import { buildSchema, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { generateBrandFiles } from '../../src/generator/generate.js';
import { typingCoverage } from '../../src/generator/typing-coverage.js';
import { renderDocuments } from '../../src/codegen/documents.js';
import { OPEN_INPUT_OBJECT } from '../../src/codegen/page-scalars.js';

// An excerpt written for these tests in the style of the scraped pages.
const PAGE = `API Site
issueToken
URL:https://api.zz.example/v1/graphql/
Issue a scoped token.
The possible errors that can be raised are:
- KT-CT-1111: Unauthorized.
Deprecated
The 'issueToken' field is deprecated.
Use issueScopedToken instead.
- Marked as deprecated on 2024-01-02.
- Scheduled for removal on or after 2025-06-30.
Arguments
| Name | Description |
|---|---|
| The user's email. |
| Define (and limit) the scope of the token. |
Return fields
| Name | Description |
|---|---|
| The token. |
| The scope granted. |
| The user's email. |
Mutation
mutation IssueToken($email: String!, $scope: TokenScope!) {
issueToken(email: $email, scope: $scope) {
token
scope
echoed
}
}Variables
{
"email": "abc123",
"scope": "READ_METER_READINGS"
}Response
{
"data": {
"issueToken": {
"token": "abc123",
"scope": "READ_METER_READINGS",
"echoed": "abc123"
}
}
}addNote
Type:AddNoteResult
URL:https://api.zz.example/v1/graphql/
Add a note.
Arguments
| Name | Description |
|---|---|
| One row for two arguments: cannot be matched. |
Mutation
mutation AddNote($input: AddNoteInput!, $pin: Boolean) {
addNote(input: $input, pin: $pin) {
note {
...NoteTypeFragment
}
}
}Variables
{
"input": AddNoteInput,
"pin": true
}Response
{
"data": {
"addNote": {
"note": NoteType
}
}
}`;

describe('squeezing the pages', () => {
  const generation = generateBrandFiles({ brand: 'zz', pageFileName: 'zz-mutations.txt', text: PAGE });
  const schema = buildSchema(generation.schemaSdl);
  const mutation = schema.getMutationType()?.getFields() ?? {};

  it('names a payload without a Type: line after its operation, and keeps a given Type:', () => {
    expect(String(mutation.issueToken?.type)).toBe('IssueToken');
    expect(schema.getType('IssueTokenPayload')).toBeUndefined();
    expect(String(mutation.addNote?.type)).toBe('AddNoteResult');
  });

  it('gives the argument and the payload field echoing its enum-like value one scalar', () => {
    const payload = schema.getType('IssueToken') as GraphQLObjectType;
    expect(String(mutation.issueToken?.args.find((a) => a.name === 'scope')?.type)).toBe('TokenScope!');
    expect(String(payload.getFields().scope?.type)).toBe('TokenScope');
    // A plain string echoed back stays a String.
    expect(String(payload.getFields().echoed?.type)).toBe('String');
  });

  it('carries argument descriptions into the schema and the catalog when the rows match the arguments', () => {
    const args = mutation.issueToken?.args ?? [];
    expect(args.map((a) => a.description)).toEqual(["The user's email.", 'Define (and limit) the scope of the token.']);
    expect(generation.catalog.operations[0]?.args).toEqual([
      { name: 'email', type: 'String!', description: "The user's email." },
      { name: 'scope', type: 'TokenScope!', description: 'Define (and limit) the scope of the token.' },
    ]);
    // One row for two arguments: nothing is attached rather than a guess.
    expect(mutation.addNote?.args.map((a) => a.description ?? null)).toEqual([null, null]);
    expect(generation.catalog.operations[1]?.args).toEqual([
      { name: 'input', type: 'AddNoteInput!' },
      { name: 'pin', type: 'Boolean' },
    ]);
  });

  it("puts the argument descriptions in the document's JSDoc", () => {
    const texts = new Map(generation.catalog.operations.map((o) => [o.operationName, 'text']));
    const rendered = renderDocuments(generation.catalog, texts);
    expect(rendered).toContain(" * Variables:\n * - `email`: The user's email.\n * - `scope`: Define (and limit) the scope of the token.\n");
  });

  it("dates the schema's deprecation reason as the catalog does", () => {
    expect(mutation.issueToken?.deprecationReason).toBe(
      'Use issueScopedToken instead. Marked as deprecated on 2024-01-02; scheduled for removal on or after 2025-06-30.',
    );
    expect(generation.catalog.operations[0]?.deprecation).toEqual({
      reason: 'Use issueScopedToken instead.',
      deprecatedOn: '2024-01-02',
      removalOn: '2025-06-30',
    });
  });
});

describe('typingCoverage', () => {
  it('counts exact and open arguments, input fields and result fields', () => {
    const schema = buildSchema(`
      type Query { a: Int }
      scalar Opaque
      scalar Json
      enum Kind { A B }
      input NoteInput { text: String! kind: Kind extra: Json }
      type Thing { _undocumented: Boolean }
      type Result { id: ID! kind: Kind data: Json thing: Thing nested: Nested }
      type Nested { when: String again: Result }
      type Mutation { addNote(input: NoteInput!, blob: Opaque, flag: Boolean): Result other(input: NoteInput): Result }
    `);
    const coverage = typingCoverage(schema, ['addNote', 'other', 'missing'], { Opaque: '{ [key: string]: unknown }', Json: 'unknown' });
    expect(coverage).toEqual({
      arguments: { exact: 3, open: 1 },
      inputFields: { exact: 2, open: 1 },
      resultFields: { exact: 5, open: 2 },
    });
  });

  it('measures the page-generated schema with its own scalar mappings', () => {
    const generation = generateBrandFiles({ brand: 'zz', pageFileName: 'zz-mutations.txt', text: PAGE });
    const coverage = typingCoverage(
      buildSchema(generation.schemaSdl),
      generation.catalog.operations.map((o) => o.field),
      { TokenScope: 'string', ...Object.fromEntries(generation.opaqueInputScalars.map((name) => [name, OPEN_INPUT_OBJECT])) },
    );
    expect(coverage.arguments).toEqual({ exact: 3, open: 1 });
    expect(coverage.inputFields).toEqual({ exact: 0, open: 0 });
  });
});
