import { DEFAULT_MOCK_CREDENTIALS } from './auth.js';
import { SCENARIO_HEADER } from './scenario-header.js';

/** Path of the control endpoint that clears the mock's state (request log, counters, refresh grants). */
export const RESET_PATH = '/__mock/reset';

const [exampleUser = { email: 'user@example.com', password: 'correct-password' }] = DEFAULT_MOCK_CREDENTIALS.users;

/** A curl line that logs in against the mock. */
export function loginCurl(apiUrl: string): string {
  const query = `mutation { obtainKrakenToken(input: {email: \\"${exampleUser.email}\\", password: \\"${exampleUser.password}\\"}) { token } }`;
  return `curl -s ${apiUrl} -H 'Content-Type: application/json' -d '{"query":"${query}"}'`;
}

/** How to use a running mock server, in short lines (printed on start, shown on the HTML page). */
export function mockServerHowTo(baseUrl: string, apiUrl: string): string[] {
  return [
    `log in: any email and password (e.g. ${exampleUser.email} / ${exampleUser.password}) or any API key; send the token as "Authorization: <token>" (as the SDK does; "JWT <token>" and "Bearer <token>" work too)`,
    `  ${loginCurl(apiUrl)}`,
    `scenarios: header "${SCENARIO_HEADER}: error=KT-CT-4180" (any code), "rate-limit" or "delay=500" (ms); combine with commas`,
    `reset state: curl -s -X POST ${baseUrl}${RESET_PATH}`,
  ];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** What a browser's GET on the API path shows. */
export function mockServerPage(brand: string, baseUrl: string, apiUrl: string, authUrl: string | undefined): string {
  const lines = [
    `This is a mock of the "${brand}" Kraken GraphQL API. Send GraphQL over POST (queries also over GET ?query=…) to ${apiUrl}.`,
    ...(authUrl ? [`Authentication server (MFA mutations): ${authUrl}`] : []),
    ...mockServerHowTo(baseUrl, apiUrl),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mock Kraken (${escapeHtml(brand)})</title></head>
<body><h1>Mock Kraken (${escapeHtml(brand)})</h1>
${lines.map((line) => `<pre>${escapeHtml(line.trim())}</pre>`).join('\n')}
</body></html>
`;
}
