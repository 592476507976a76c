import type { GraphQLOutputType, GraphQLSchema } from 'graphql';
import { getNamedType, isAbstractType, isEnumType, isListType, isNonNullType, isObjectType, isScalarType } from 'graphql';
import type { KrakenBrand } from '../../mocks/brands.js';
import { brandSource } from '../../mocks/brands.js';
import { createKrakenEngine } from '../../mocks/engine.js';
import type { KrakenMockEngine } from '../../mocks/engine.js';
import { readOperationFiles } from './operation-files.js';
import { placeholderVariables } from './placeholders.js';

export interface DefaultAnswer {
  operationName: string;
  field: string;
  /** `data.<field>` of the mock's default answer. */
  result: unknown;
}

/** One leaf value of a default answer, with what the schema says about it. */
export interface AnsweredLeaf {
  /** e.g. "st GetHostedUrlForNewPaymentInstruction getHostedUrlForNewPaymentInstruction.url" */
  where: string;
  fieldName: string;
  /** Named type of the field: a scalar or an enum. */
  typeName: string;
  isEnum: boolean;
  value: unknown;
}

const LOGIN = 'mutation ObtainKrakenToken($input: ObtainJSONWebTokenInput!) { obtainKrakenToken(input: $input) { token } }';
const VALID_LOGIN = { email: 'user@example.com', password: 'correct-password' };

/** A fixed clock, so login answers (iat, exp) repeat too. */
const NOW = () => Date.UTC(2026, 0, 1);

/** The mock's default answer to every documented operation of the brand (operations/<brand>/*.graphql). */
export async function defaultAnswers(brand: KrakenBrand, engine: KrakenMockEngine = createKrakenEngine(brandSource(brand), { now: NOW })): Promise<DefaultAnswer[]> {
  const login = await engine.handleKrakenRequest({ endpoint: 'api', headers: {}, body: { query: LOGIN, variables: { input: VALID_LOGIN } } });
  const token = (login.body.data?.obtainKrakenToken as { token: string }).token;
  const answers: DefaultAnswer[] = [];
  for (const file of readOperationFiles(brand)) {
    const operation = engine.catalog.operations.find((op) => op.operationName === file.name);
    if (!operation) throw new Error(`${file.name}: not in the catalog`);
    const variables = file.name === 'ObtainKrakenToken' ? { input: VALID_LOGIN } : placeholderVariables(engine.schema, file.operation);
    const reply = await engine.handleKrakenRequest({
      endpoint: operation.endpoint,
      headers: { Authorization: `JWT ${token}` },
      body: { query: file.text, variables },
    });
    if (reply.status !== 200 || reply.body.errors) throw new Error(`${file.name}: ${JSON.stringify(reply.body.errors)}`);
    answers.push({ operationName: file.name, field: operation.field, result: reply.body.data?.[operation.field] });
  }
  return answers;
}

/** Every leaf (scalar or enum value) of the answer, walked along the schema. */
export function answeredLeaves(schema: GraphQLSchema, brand: string, answer: DefaultAnswer): AnsweredLeaf[] {
  const rootType = schema.getMutationType()?.getFields()[answer.field]?.type;
  if (!rootType) throw new Error(`${answer.field}: not a mutation of the schema`);
  const leaves: AnsweredLeaf[] = [];
  const walk = (type: GraphQLOutputType, value: unknown, path: string, fieldName: string): void => {
    if (value === null || value === undefined) return;
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      (value as unknown[]).forEach((item, index) => walk(inner.ofType, item, `${path}.${index}`, fieldName));
      return;
    }
    if (isScalarType(inner) || isEnumType(inner)) {
      leaves.push({ where: `${brand} ${answer.operationName} ${path}`, fieldName, typeName: inner.name, isEnum: isEnumType(inner), value });
      return;
    }
    const record = value as Record<string, unknown>;
    const objectType = isAbstractType(inner) ? schema.getType(String(record.__typename)) : getNamedType(inner);
    if (!isObjectType(objectType)) throw new Error(`${path}: ${String(record.__typename)} is not an object type`);
    for (const [key, item] of Object.entries(record)) {
      if (key === '__typename') continue;
      const field = objectType.getFields()[key];
      if (!field) throw new Error(`${path}.${key}: not a field of ${objectType.name}`);
      walk(field.type, item, `${path}.${key}`, key);
    }
  };
  walk(rootType, answer.result, answer.field, answer.field);
  return leaves;
}
