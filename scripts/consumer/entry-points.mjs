// The package's entry points, read from package.json `exports`, and the rule that keeps TypeScript
// projects on `moduleResolution: "node"` (node10, which ignores `exports`) able to resolve each one:
// every subpath needs a `typesVersions` entry naming the same CommonJS declaration file.

/** Every entry point a consumer can import: `kraken-sdk`, `kraken-sdk/st`, ... (not package.json). */
export function entryPoints(pkg) {
  return Object.keys(pkg.exports)
    .filter((subpath) => subpath !== './package.json')
    .map((subpath) => ({
      subpath,
      specifier: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
      types: { import: pkg.exports[subpath].import?.types, require: pkg.exports[subpath].require?.types },
    }));
}

/** What is missing or inconsistent for node10 resolution; empty when every entry point resolves there. */
export function node10Problems(pkg) {
  const mapped = pkg.typesVersions?.['*'] ?? {};
  const problems = [];
  for (const { subpath, types } of entryPoints(pkg)) {
    const expected = types.require ?? types.import;
    if (subpath === '.') {
      if (pkg.types !== expected) problems.push(`"types" is ${JSON.stringify(pkg.types)}, expected "${expected}" (exports["."])`);
      continue;
    }
    const key = subpath.slice(2);
    const target = mapped[key];
    if (target === undefined) problems.push(`typesVersions["*"]["${key}"] is missing: add ["${expected}"] for exports["${subpath}"]`);
    else if (target.length !== 1 || target[0] !== expected) {
      problems.push(`typesVersions["*"]["${key}"] is ${JSON.stringify(target)}, expected ["${expected}"] as in exports["${subpath}"]`);
    }
  }
  const subpaths = new Set(entryPoints(pkg).map(({ subpath }) => subpath.slice(2)));
  for (const key of Object.keys(mapped)) {
    if (!subpaths.has(key)) problems.push(`typesVersions["*"]["${key}"] has no exports["./${key}"]`);
  }
  return problems;
}
