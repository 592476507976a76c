import { isInputObjectType, Kind, parse, type GraphQLSchema } from 'graphql';
import { DEFAULT_MOCK_CREDENTIALS } from './auth.js';
import { SCENARIO_HEADER } from './scenario-header.js';

/** Path of the control endpoint that clears the mock's state (request log, counters, refresh grants). */
export const RESET_PATH = '/__mock/reset';

const [exampleUser = { email: 'user@example.com', password: 'correct-password' }] = DEFAULT_MOCK_CREDENTIALS.users;
const [exampleApiKey = 'sk_test_mock_api_key'] = DEFAULT_MOCK_CREDENTIALS.apiKeys;

/**
 * The logins a served schema can express: its ObtainJSONWebTokenInput's fields. The page schemas leave that
 * input opaque (a scalar): every login. A pulled schema without `email` takes no email login (its
 * validation refuses the field), so the mock shows the API key login instead.
 */
export interface MockLogins {
  email: boolean;
  apiKey: boolean;
}

const EVERY_LOGIN: MockLogins = { email: true, apiKey: true };

function loginsOfFields(fields: readonly string[] | undefined): MockLogins {
  if (fields === undefined) return EVERY_LOGIN;
  return { email: fields.includes('email') && fields.includes('password'), apiKey: fields.includes('APIKey') };
}

/** The logins of a served schema (GraphQLSchema or SDL); every login without one, or when the input is opaque. */
export function mockLoginsOf(schema: GraphQLSchema | string | undefined): MockLogins {
  if (schema === undefined) return EVERY_LOGIN;
  if (typeof schema !== 'string') {
    const input = schema.getType('ObtainJSONWebTokenInput');
    return loginsOfFields(isInputObjectType(input) ? Object.keys(input.getFields()) : undefined);
  }
  try {
    const definition = parse(schema, { noLocation: true }).definitions.find(
      (node) => node.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION && node.name.value === 'ObtainJSONWebTokenInput',
    );
    return loginsOfFields(definition?.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION ? (definition.fields ?? []).map((field) => field.name.value) : undefined);
  } catch {
    return EVERY_LOGIN;
  }
}

/** A curl line that logs in against the mock, with a login the served schema takes. */
export function loginCurl(apiUrl: string, logins: MockLogins = EVERY_LOGIN): string {
  const input = logins.email || !logins.apiKey ? `{email: \\"${exampleUser.email}\\", password: \\"${exampleUser.password}\\"}` : `{APIKey: \\"${exampleApiKey}\\"}`;
  const query = `mutation { obtainKrakenToken(input: ${input}) { token } }`;
  return `curl -s ${apiUrl} -H 'Content-Type: application/json' -d '{"query":"${query}"}'`;
}

/** What the log-in line says the served schema takes. */
function loginWords(logins: MockLogins): string {
  if (logins.email && logins.apiKey) return `any email and password (e.g. ${exampleUser.email} / ${exampleUser.password}) or any API key`;
  if (logins.apiKey) return `any API key (e.g. ${exampleApiKey}); this schema's ObtainJSONWebTokenInput has no email, so no email login`;
  if (logins.email) return `any email and password (e.g. ${exampleUser.email} / ${exampleUser.password}); this schema's ObtainJSONWebTokenInput takes no API key`;
  return 'with the fields of this schema\'s ObtainJSONWebTokenInput (any values)';
}

/** How to use a running mock server, in short lines (printed on start, shown on the HTML page). */
export function mockServerHowTo(baseUrl: string, apiUrl: string, logins: MockLogins = EVERY_LOGIN): string[] {
  return [
    `log in: ${loginWords(logins)}; send the token as "Authorization: <token>" (as the SDK does; "JWT <token>" and "Bearer <token>" work too)`,
    `  ${loginCurl(apiUrl, logins)}`,
    `scenarios: header "${SCENARIO_HEADER}: error=KT-CT-4180" (any code), "rate-limit" or "delay=500" (ms); combine with commas`,
    `reset state: curl -s -X POST ${baseUrl}${RESET_PATH}`,
  ];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** What a browser's GET on the API path shows. */
export function mockServerPage(brand: string, baseUrl: string, apiUrl: string, authUrl: string | undefined, logins: MockLogins = EVERY_LOGIN): string {
  const lines = [
    `This is a mock of the "${brand}" Kraken GraphQL API. Send GraphQL over POST (queries also over GET ?query=…) to ${apiUrl}.`,
    ...(authUrl ? [`Authentication server (MFA mutations): ${authUrl}`] : []),
    ...mockServerHowTo(baseUrl, apiUrl, logins),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mock Kraken (${escapeHtml(brand)})</title></head>
<body><h1>Mock Kraken (${escapeHtml(brand)})</h1>
${lines.map((line) => `<pre>${escapeHtml(line.trim())}</pre>`).join('\n')}
</body></html>
`;
}
