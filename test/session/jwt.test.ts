import { describe, expect, it } from 'vitest';
import { decodeJwtClaims, tokenTimes } from '../../src/session/jwt.js';

const tokenExpiry = (token: string, payload?: unknown): number | undefined => tokenTimes(token, payload).expiresAt;

function base64url(text: string): string {
  const latin1 = String.fromCharCode(...new TextEncoder().encode(text));
  return btoa(latin1).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** An unsigned JWT-shaped token with any claims (decoding never checks the signature). */
function makeJwt(claims: Record<string, unknown>): string {
  return `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}.${base64url('signature')}`;
}

describe('JWT claims', () => {
  it('reads exp and iat in epoch ms', () => {
    const token = makeJwt({ iat: 1_700_000_000, exp: 1_700_003_600, name: 'Zoë ✓' });
    expect(tokenTimes(token)).toEqual({ expiresAt: 1_700_003_600_000, issuedAt: 1_700_000_000_000 });
    expect(decodeJwtClaims(token)?.name).toBe('Zoë ✓');
  });

  it('decodes base64url without padding, with - and _', () => {
    const claims = { exp: 1, data: '>>>???~~~' };
    const payload = btoa(JSON.stringify(claims)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(decodeJwtClaims(`h.${payload}.s`)).toEqual(claims);
  });

  it('falls back to the login payload (object or JSON string) when the token is opaque', () => {
    expect(tokenExpiry('opaque-token', { exp: 10 })).toBe(10_000);
    expect(tokenExpiry('opaque-token', '{"exp": 20}')).toBe(20_000);
    expect(tokenExpiry('opaque-token')).toBeUndefined();
    expect(tokenTimes('opaque-token', { exp: 10, iat: 4 })).toEqual({ expiresAt: 10_000, issuedAt: 4_000 });
  });

  it('returns undefined for malformed tokens instead of throwing', () => {
    expect(decodeJwtClaims('a.%%%.c')).toBeUndefined();
    expect(decodeJwtClaims(`a.${btoa('[1,2]')}.c`)).toBeUndefined();
    expect(tokenExpiry(makeJwt({ exp: 'soon' }))).toBeUndefined();
  });
});
