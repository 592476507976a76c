/** Reads a JWT's claims without verifying it (the server verifies; we only need `exp`). Browser-safe: no Buffer. */
export function decodeJwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  // An empty body is no JSON (caught below).
  if (parts.length !== 3) return undefined;
  try {
    // atob takes base64 without its padding (forgiving-base64), not the URL alphabet.
    const binary = atob((parts[1] as string).replace(/-/g, '+').replace(/_/g, '/'));
    const claims: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0))));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A time claim (Unix seconds, e.g. `exp`, `iat`) of a claims object or JSON string, in epoch milliseconds. */
export function timeClaim(claims: unknown, name: 'exp' | 'iat'): number | undefined {
  if (typeof claims === 'string') {
    try {
      return timeClaim(JSON.parse(claims), name);
    } catch {
      return undefined;
    }
  }
  if (typeof claims !== 'object' || claims === null) return undefined;
  const seconds = (claims as Record<string, unknown>)[name];
  return typeof seconds === 'number' && Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

/** When a token expires and when it was issued (epoch ms), the token decoded once: its own `exp` and `iat`, else the login `payload`'s; undefined when unknown. */
export function tokenTimes(token: string, payload?: unknown): { readonly expiresAt: number | undefined; readonly issuedAt: number | undefined } {
  const claims = decodeJwtClaims(token);
  const time = (name: 'exp' | 'iat'): number | undefined => timeClaim(claims, name) ?? timeClaim(payload, name);
  return { expiresAt: time('exp'), issuedAt: time('iat') };
}
