/** Reads a JWT's claims without verifying it (the server verifies; we only need `exp`). Browser-safe: no Buffer. */
export function decodeJwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const binary = atob(padded);
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The `exp` claim (Unix seconds) of a claims object, in epoch milliseconds. */
export function expiryOfClaims(claims: unknown): number | undefined {
  if (typeof claims === 'string') {
    try {
      return expiryOfClaims(JSON.parse(claims));
    } catch {
      return undefined;
    }
  }
  if (typeof claims !== 'object' || claims === null) return undefined;
  const exp = (claims as { exp?: unknown }).exp;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
}

/** When a token expires (epoch ms): from its own `exp`, else from the login `payload`; undefined when unknown. */
export function tokenExpiry(token: string, payload?: unknown): number | undefined {
  return expiryOfClaims(decodeJwtClaims(token)) ?? expiryOfClaims(payload);
}
