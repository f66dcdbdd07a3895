// npm run analyze: custom-elements.json from the element's JSDoc. package.json already
// names the manifest; the analyzer must not rewrite it (test/unit/manifest.test.ts writes
// a fresh copy elsewhere to compare).
export default {
  globs: ['src/*.ts'],
  litelement: true,
  packagejson: false,
};
