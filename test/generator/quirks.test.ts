import { buildSchema, parse, validate, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { generateBrandFiles, opaqueInputScalarNames } from '../../src/generator/generate.js';
import { parsePage } from '../../src/generator/parse-page.js';

// Excerpts written for these tests in the style of the scraped pages.
const PIPE_LAYOUT_GLUED = `About Mutations
Every GraphQL schema has a root type for both queries and
mutations.
API Site
acceptThing
Type:AcceptThing
URL:https://api.xx.example/v1/graphql/
Accept a thing.
The possible errors that can be raised are:
- KT-CT-1111: Unauthorized.
- KT-CT-8201: Received an invalid thingId.
- KT-CT-1111: Unauthorized.
Arguments
| Name | Description |
|---|---|
| Input fields for accepting a thing. |
Return fields
| Name | Description |
|---|---|
| Field with the possible errors of the query/mutation. Deprecated The 'possibleErrors' field is deprecated. |
| Thing accepted. |
Mutation
mutation AcceptThing($input: AcceptThingInput!) {
acceptThing(input: $input) {
possibleErrors {
...PossibleErrorTypeFragment
}
thing {
...ThingTypeFragment
}
accepted
}
}Variables
{
"input": AcceptThingInput
}Response
{
"data": {
"acceptThing": {
"possibleErrors": [PossibleErrorType],
"thing": ThingType,
"accepted": true
}
}
}scalarsGalore
URL:https://api.xx.example/v1/graphql/
Shows every scalar.
The possible errors that can be raised are:
- KT-CT-1113: Disabled GraphQL field requested.
Mutation
mutation ScalarsGalore(
$ids: [ID]!,
$day: Date,
$flag: Boolean
) {
scalarsGalore(
ids: $ids,
day: $day,
flag: $flag
) {
text
flagged
count
ratio
day
at
uuid
json
generic
names
}
}Variables
{
"ids": ["abc123"],
"day": "2020-01-01",
"flag": true
}Response
{
"data": {
"scalarsGalore": {
"text": "abc123",
"flagged": true,
"count": 1,
"ratio": 1.0,
"day": "2020-01-01",
"at": "2020-01-01T00:00:00.000Z",
"uuid": "500c164d-38c7-4f74-9ac6-be210197e9e4",
"json": {"key": "value"},
"generic": "abc123" | 1 | 1.0 | true | ["abc123"] | AccountType,
"names": ["abc123"]
}
}
}Arguments
| Name | Description |
|---|---|
| Items to add. |
Mutation
mutation AddItems($items: [ItemInputType]!) {
addItems(items: $items) {
item {
... on RedItem {
...RedItemFragment
}
... on BlueItem {
...BlueItemFragment
}
}
}
}Variables
{
"items": [ItemInputType]
}Response
{
"data": {
"addItems": {
"item": RedItem
}
}
}closeBatch
Type:CloseBatch!
URL:https://api.xx.example/v1/graphql/
Close the open batch.
The possible errors that can be raised are:
- KT-CT-9010: Invalid data.
Deprecated
The 'closeBatch' field is deprecated.
Use closeBatches instead.
- Marked as deprecated on 2022-07-04.
- Scheduled for removal on or after 2026-03-30.
Return fields
| Name | Description |
|---|
Mutation
mutation CloseBatch {
closeBatch {
closed
}
}Response
{
"data": {
"closeBatch": {
"closed": true
}
}
}`;

const NO_PIPE_LAYOUT_BROKEN_LINES = `About Mutations
analogous to performing HTTP verbs such as POST
,
PATCH
, and DELETE
.
API Site
obtainToken
URL:https://api.yy.example/v1/graphql/
Create a token.
The token should be used as the Authorization
header for any authenticated requests.
The possible errors that can be raised are:
- KT-CT-1135: Invalid
data.
- KT-CT-1134: Invalid data.
Arguments
Name | Description |
---|---|
| Input fields for
obtaining the token. |
Return fields
Name | Description |
---|---|
| The token. |
Mutation
mutation ObtainToken($input: ObtainTokenInput!) {
obtainToken(input: $input) {
token
}
}
Variables
{
"input": ObtainTokenInput
}
Response
{
"data": {
"obtainToken": {
"token": "abc123"
}
}
}
Authentication Server
createMfaDevice
Type:CreateMfaDevice
URL:https://auth.yy.example/graphql/
Create MFA Device for user.
The possible errors that can be raised are:
- KT-CT-1153: Unable to create MFA device.
Mutation
mutation CreateMfaDevice($input: CreateMfaDeviceInputType!) {
createMfaDevice(input: $input) {
totpSecret
}
}
Variables
{
"input": CreateMfaDeviceInputType
}
Response
{
"data": {
"createMfaDevice": {
"totpSecret": "abc123"
}
}
}
`;

describe('parsePage: layouts and glued text', () => {
  it('splits names, Variables and Response glued onto closing braces', () => {
    const page = parsePage(PIPE_LAYOUT_GLUED, { source: 'xx-mutations.txt' });
    expect(page.entries.map((e) => e.field)).toEqual(['acceptThing', 'scalarsGalore', 'addItems', 'closeBatch']);
    expect(page.entries[0]?.variablesText).toContain('"input": AcceptThingInput');
    expect(page.entries[0]?.responseText).toContain('"accepted": true');
  });

  it('reads tables with and without a leading pipe, and cells broken over lines', () => {
    const withPipe = parsePage(PIPE_LAYOUT_GLUED, { source: 'xx-mutations.txt' });
    expect(withPipe.entries[0]?.argumentDescriptions).toEqual(['Input fields for accepting a thing.']);
    const withoutPipe = parsePage(NO_PIPE_LAYOUT_BROKEN_LINES, { source: 'yy-mutations.txt' });
    expect(withoutPipe.entries[0]?.argumentDescriptions).toEqual(['Input fields for obtaining the token.']);
  });

  it('joins sentences broken over lines in descriptions and error messages', () => {
    const page = parsePage(NO_PIPE_LAYOUT_BROKEN_LINES, { source: 'yy-mutations.txt' });
    expect(page.entries[0]?.description).toBe(
      'Create a token.\nThe token should be used as the Authorization header for any authenticated requests.',
    );
    expect(page.entries[0]?.errors[0]).toMatchObject({ code: 'KT-CT-1135', message: 'Invalid data.' });
  });

  it('recovers an entry that lost its heading from its operation text', () => {
    const page = parsePage(PIPE_LAYOUT_GLUED, { source: 'xx-mutations.txt' });
    const recovered = page.entries[2];
    expect(recovered).toMatchObject({ field: 'addItems', recovered: true, returnType: null, endpoint: 'api' });
    expect(recovered?.url).toBe('https://api.xx.example/v1/graphql/');
  });

  it('keeps a missing Type: line as null and a non-null Type: as written', () => {
    const page = parsePage(PIPE_LAYOUT_GLUED, { source: 'xx-mutations.txt' });
    expect(page.entries[1]?.returnType).toBeNull();
    expect(page.entries[3]?.returnType).toBe('CloseBatch!');
  });

  it('takes endpoints from URL: lines and marks the Authentication Server section as auth', () => {
    const page = parsePage(NO_PIPE_LAYOUT_BROKEN_LINES, { source: 'yy-mutations.txt' });
    expect(page.endpoints).toEqual({ api: 'https://api.yy.example/v1/graphql/', auth: 'https://auth.yy.example/graphql/' });
    expect(page.entries.map((e) => e.endpoint)).toEqual(['api', 'auth']);
  });
});

describe('buildCatalog through generateBrandFiles', () => {
  const generation = generateBrandFiles({ brand: 'xx', pageFileName: 'xx-mutations.txt', text: PIPE_LAYOUT_GLUED });
  const operations = generation.catalog.operations;

  it('lists each error code once, in page order', () => {
    expect(operations[0]?.errors.map((e) => e.code)).toEqual(['KT-CT-1111', 'KT-CT-8201']);
  });

  it('reads deprecation blocks', () => {
    expect(operations[3]?.deprecation).toEqual({
      reason: 'Use closeBatches instead.',
      deprecatedOn: '2022-07-04',
      removalOn: '2026-03-30',
    });
  });

  it('records no, several and list arguments with their declared types', () => {
    expect(operations[3]?.args).toEqual([]);
    expect(operations[1]?.args).toEqual([
      { name: 'ids', type: '[ID]!' },
      { name: 'day', type: 'Date' },
      { name: 'flag', type: 'Boolean' },
    ]);
    expect(operations[2]?.args).toEqual([{ name: 'items', type: '[ItemInputType]!', description: 'Items to add.' }]);
    expect(operations[2]?.document).toBe('operations/xx/AddItems.graphql');
  });

  it('keeps the catalog JSON shape exact', () => {
    expect(Object.keys(generation.catalog)).toEqual(['brand', 'endpoints', 'operations']);
    expect(Object.keys(operations[0] ?? {})).toEqual([
      'field', 'operationName', 'endpoint', 'returnType', 'args', 'errors', 'deprecation', 'description', 'document', 'example',
    ]);
  });
});

describe('schema built from the excerpt', () => {
  const generation = generateBrandFiles({ brand: 'xx', pageFileName: 'xx-mutations.txt', text: PIPE_LAYOUT_GLUED });
  const schema = buildSchema(generation.schemaSdl);

  it('infers scalars from example values; [X] is a list', () => {
    const fields = (schema.getType('ScalarsGalore') as GraphQLObjectType).getFields();
    const types = Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, String(field.type)]));
    expect(types).toEqual({
      text: 'String',
      flagged: 'Boolean',
      count: 'Int',
      ratio: 'Float',
      day: 'Date',
      at: 'DateTime',
      uuid: 'UUID',
      json: 'JSONString',
      generic: 'GenericScalar',
      names: '[String]',
    });
  });

  it('models undocumented inputs as opaque scalars, listed apart from value scalars', () => {
    expect(generation.opaqueInputScalars).toEqual(['AcceptThingInput', 'ItemInputType']);
    expect(opaqueInputScalarNames(generation.schemaSdl)).toEqual(['AcceptThingInput', 'ItemInputType']);
    expect(generation.valueScalars).toEqual(['Date', 'DateTime', 'GenericScalar', 'JSONString', 'UUID']);
  });

  it('builds unions from "... on" blocks and marks deprecated fields', () => {
    expect(generation.schemaSdl).toContain('union AddItemsItemUnion = RedItem | BlueItem');
    expect(generation.schemaSdl).toMatch(/possibleErrors: \[PossibleErrorType\] @deprecated\(reason: "The 'possibleErrors' field is deprecated\."\)/);
    expect(generation.schemaSdl).toMatch(/closeBatch: CloseBatch! @deprecated\(reason: "Use closeBatches instead\. Marked as deprecated on 2022-07-04; scheduled for removal on or after 2026-03-30\."\)/);
  });

  it('defines each fragment once, selecting only __typename, and every operation validates', () => {
    const fragments = generation.files.get('operations/xx/fragments.graphql') ?? '';
    expect(fragments).toContain('fragment ThingTypeFragment on ThingType {\n  __typename\n}');
    expect(fragments.match(/fragment RedItemFragment /g)).toHaveLength(1);
    for (const operation of generation.catalog.operations) {
      const text = `${generation.files.get(operation.document) ?? ''}\n${fragments}`;
      const errors = validate(schema, parse(text)).filter((e) => !/is never used/.test(e.message));
      expect(errors.map((e) => e.message), operation.operationName).toEqual([]);
    }
  });

  it('marks every generated file as generated', () => {
    for (const [path, content] of generation.files) {
      if (path.endsWith('.json')) continue;
      expect(content.split('\n')[0], path).toMatch(/Generated by src\/generator from xx-mutations\.txt\. Do not edit/);
    }
  });
});
