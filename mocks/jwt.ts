import { hashHex } from './hash.js';

/** JWT-shaped tokens for the mock (header.payload.signature, base64url). Browser-safe: no node:crypto. */
export interface MockJwtClaims {
  sub: string;
  gty: string;
  email?: string;
  tokenUse: 'access';
  iss: string;
  iat: number;
  exp: number;
  origIat: number;
  jti: string;
}

const HEADER = { alg: 'HS256', typ: 'JWT' } as const;

function base64UrlEncode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64UrlDecode(segment: string): string {
  const padded = segment.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

function hexToBase64Url(hex: string): string {
  let binary = '';
  for (let index = 0; index < hex.length; index += 2) binary += String.fromCharCode(parseInt(hex.slice(index, index + 2), 16));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Not cryptographic: only lets the mock tell its own tokens from forged or corrupted ones. */
function signature(signingInput: string, secret: string): string {
  return hexToBase64Url(hashHex(`${secret}.${signingInput}`, 64));
}

export function signMockJwt(claims: MockJwtClaims, secret: string): string {
  const signingInput = `${base64UrlEncode(JSON.stringify(HEADER))}.${base64UrlEncode(JSON.stringify(claims))}`;
  return `${signingInput}.${signature(signingInput, secret)}`;
}

export type VerifyResult = { ok: true; claims: MockJwtClaims } | { ok: false };

/** Claims of a token from anywhere: only `exp` matters to the mock. */
export interface TokenClaims {
  readonly exp?: unknown;
}

const BASE64URL_SEGMENT = /^[A-Za-z0-9_-]+$/;

/** Reads the claims of any well-formed JWT (three base64url segments, a JSON object payload); no signature check. */
export function readJwtClaims(token: string): { ok: true; claims: TokenClaims } | { ok: false } {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL_SEGMENT.test(part))) return { ok: false };
  try {
    const claims: unknown = JSON.parse(base64UrlDecode(parts[1] as string));
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return { ok: false };
    return { ok: true, claims: claims as TokenClaims };
  } catch {
    return { ok: false };
  }
}

/** Checks shape and signature only; expiry is the caller's decision (it owns the clock). */
export function verifyMockJwt(token: string, secret: string): VerifyResult {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false };
  const [header, payload, sig] = parts as [string, string, string];
  if (signature(`${header}.${payload}`, secret) !== sig) return { ok: false };
  try {
    const claims = JSON.parse(base64UrlDecode(payload)) as MockJwtClaims;
    if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number') return { ok: false };
    return { ok: true, claims };
  } catch {
    return { ok: false };
  }
}
