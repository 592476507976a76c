/**
 * The comment lines `pull` writes above the SDL, and their reading back by `generate --schema`: where the
 * schema came from is where its module's client sends requests by default.
 */
export interface SchemaOrigin {
  /** The API endpoint the schema was pulled from (origin and path: never user info or a query string). */
  readonly endpoint?: string;
  /** The separate authentication server the pull logged in at, when there is one. */
  readonly authEndpoint?: string;
  /** The brand id given to pull. */
  readonly brand?: string;
}

const FIELDS = { endpoint: 'Endpoint', authEndpoint: 'Auth endpoint', brand: 'Brand' } as const;

/** An endpoint as a header line keeps it: a query string may hold a gateway key, user info a password. */
export function recordedEndpoint(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

export function schemaOriginLines(origin: SchemaOrigin): string[] {
  return (Object.keys(FIELDS) as (keyof SchemaOrigin)[]).flatMap((key) => (origin[key] === undefined ? [] : [`# ${FIELDS[key]}: ${origin[key]}`]));
}

/** The origin recorded in the leading comment lines of a pulled SDL; fields that are absent or not http(s) URLs are left out. */
export function readSchemaOrigin(sdl: string): SchemaOrigin {
  const found: { -readonly [K in keyof SchemaOrigin]?: string } = {};
  for (const line of sdl.split('\n')) {
    if (!line.startsWith('#')) break;
    for (const [key, label] of Object.entries(FIELDS) as [keyof SchemaOrigin, string][]) {
      if (!line.startsWith(`# ${label}: `)) continue;
      const value = line.slice(label.length + 4).trim();
      if (key === 'brand' ? /^[a-z][a-z0-9-]*$/.test(value) : isHttpUrl(value)) found[key] = value;
    }
  }
  return found;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '' && url.search === '';
  } catch {
    return false;
  }
}
