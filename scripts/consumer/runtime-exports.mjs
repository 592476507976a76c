// Run in the consumer project: the names each entry point exports at runtime, through import and require.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const specifiers = JSON.parse(process.argv[2]);
const names = { esm: {}, cjs: {} };
for (const specifier of specifiers) {
  names.esm[specifier] = Object.keys(await import(specifier));
  names.cjs[specifier] = Object.keys(require(specifier));
}
console.log(JSON.stringify(names));
