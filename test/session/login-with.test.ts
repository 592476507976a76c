// loginWith(credentials): the only way to log in with credentials; it checks and copies them and never shows a secret.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createKrakenClient, loginWith } from '../../src/index.js';
import { credentialOf } from '../../src/session/identity.js';

const PASSWORD = 'login-with-password-9f2';
const API_KEY = 'sk_live_login_with_key_41c';

describe('loginWith', () => {
  it('printed, serialized, spread or listed, shows its kind and no secret', () => {
    for (const [login, secret] of [
      [loginWith({ email: 'Someone@Example.com', password: PASSWORD }), PASSWORD],
      [loginWith({ apiKey: API_KEY }), API_KEY],
    ] as const) {
      const views = [inspect(login, { showHidden: true, depth: 10 }), JSON.stringify(login), JSON.stringify({ ...login }), String(Object.keys(login)), inspect({ auth: login })];
      for (const view of views) expect(view).not.toContain(secret);
      expect(JSON.parse(JSON.stringify(login))).toEqual({ login: login.login });
      expect(inspect(login)).toContain(`login: '${login.login}'`);
    }
  });

  it('copies the credentials: changing the object afterwards changes nothing', () => {
    const credentials = { email: ' Someone@Example.com', password: PASSWORD };
    const login = loginWith(credentials);
    credentials.password = 'changed-afterwards';
    credentials.email = 'other@example.com';
    expect(credentialOf(login)).toEqual(['email', 'someone@example.com', PASSWORD]);
    expect(Object.isFrozen(login)).toBe(true);
  });

  it.each([
    [{}, 'loginWith: credentials must hold exactly one of email, apiKey, refreshToken, organizationSecretKey, preSignedKey; got none (fields: none).'],
    [{ APIKey: API_KEY }, 'loginWith: credentials must hold exactly one of email, apiKey, refreshToken, organizationSecretKey, preSignedKey; got none (fields: APIKey).'],
    [{ token: API_KEY }, 'loginWith: credentials must hold exactly one of email, apiKey, refreshToken, organizationSecretKey, preSignedKey; got none (fields: token).'],
    [{ apiKey: API_KEY, refreshToken: 'r' }, 'loginWith: credentials must hold exactly one of email, apiKey, refreshToken, organizationSecretKey, preSignedKey; got apiKey, refreshToken.'],
    [{ email: 'a@b.c' }, 'loginWith: credentials.password must be a non-empty string.'],
    [{ apiKey: '' }, 'loginWith: credentials.apiKey must be a non-empty string.'],
    [{ preSignedKey: 42 }, 'loginWith: credentials.preSignedKey must be a non-empty string.'],
    [null, 'loginWith: credentials must hold exactly one of email, apiKey, refreshToken, organizationSecretKey, preSignedKey; got none (fields: none).'],
  ])('refuses %o with a TypeError naming the field, never a value', (credentials, message) => {
    expect(() => loginWith(credentials as never)).toThrow(new TypeError(message));
  });

  it('a look-alike is not a login: the client refuses it by its fields', () => {
    const forged = { login: 'apiKey', apiKey: API_KEY };
    expect(() => createKrakenClient({ endpoint: 'https://api.example.test/graphql/', auth: forged as never })).toThrow(
      new TypeError('auth must be loginWith(credentials), { token } or { getToken }; got fields login, apiKey.'),
    );
  });

  it('the client shows the kind it logs in with', () => {
    const client = createKrakenClient({ endpoint: 'https://api.example.test/graphql/', auth: loginWith({ apiKey: API_KEY }) });
    expect(JSON.parse(JSON.stringify(client))).toMatchObject({ auth: 'apiKey' });
    expect(inspect(client)).not.toContain(API_KEY);
  });
});
