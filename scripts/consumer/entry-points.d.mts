export interface EntryPoint {
  /** The key in package.json `exports`: ".", "./st", ... */
  subpath: string;
  /** What a consumer imports: "kraken-sdk", "kraken-sdk/st", ... */
  specifier: string;
  types: { import: string | undefined; require: string | undefined };
}
export interface PackageJson {
  name: string;
  types?: string;
  exports: Record<string, unknown>;
  typesVersions?: Record<string, Record<string, string[]>>;
}
export function entryPoints(pkg: PackageJson): EntryPoint[];
export function node10Problems(pkg: PackageJson): string[];
