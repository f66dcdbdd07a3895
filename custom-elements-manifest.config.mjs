// npm run analyze: custom-elements.json from the element's JSDoc. package.json already
// names the manifest; the analyzer must not rewrite it (test/unit/manifest.test.ts writes
// a fresh copy elsewhere to compare).
export default {
  globs: ['src/*.ts', 'src/status/define.ts'],
  // The framework wrappers describe no element of their own.
  exclude: ['src/react.ts', 'src/jsx.ts', 'src/vue.ts'],
  litelement: true,
  packagejson: false,
};
