// npm run build: the unbundled ESM build with types (tsc), then the one-file CDN build
// (Vite), then the sizes a merchant pays for and the SRI hash to pin the CDN file with.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';

rmSync('dist', { recursive: true, force: true });
execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
// The thank-you page's file: a build of its own, so that neither page pays for the other's element.
await build({
  configFile: 'vite.config.ts',
  logLevel: 'warn',
  build: {
    emptyOutDir: false,
    lib: {
      entry: new URL('../src/status/cdn.ts', import.meta.url).pathname,
      name: 'AlmaraPayStatus',
      formats: ['iife'],
      fileName: () => 'almara-pay-status.js',
    },
  },
});
// A CDN file exports nothing and registers its tag: for a bundler that imports it, its
// types are those the registration brings (the tag, its events), as of its define module.
writeFileSync(
  'dist/cdn/almara-pay-link.d.ts',
  "// Importing the CDN file registers <almara-pay-link>; it exports nothing.\nimport type {} from '../define.js';\nexport {};\n",
);
writeFileSync(
  'dist/cdn/almara-pay-status.d.ts',
  "// Importing the CDN file registers <almara-pay-status>; it exports nothing.\nimport type {} from '../status/define.js';\nexport {};\n",
);

const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
for (const file of ['dist/cdn/almara-pay-link.js', 'dist/cdn/almara-pay-status.js']) {
  const code = readFileSync(file);
  const gzip = gzipSync(code, { level: 9 }).length;
  const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const sri = `sha384-${createHash('sha384').update(code).digest('base64')}`;
  console.log(`${file}: ${kb(code.length)} raw, ${kb(gzip)} gzip -9, ${kb(brotli)} brotli`);
  console.log(`integrity="${sri}"`);
}

// The no-code backend's copy of both files (src/backend/assets.ts reads them from dist/cdn):
// written inline, so that it serves them where there is no file system (Cloudflare Workers).
const { ASSET_NAMES, assetOf } = await import('../dist/backend/asset.js');
const inline = Object.fromEntries(ASSET_NAMES.map((name) => [name, assetOf(readFileSync(`dist/cdn/${name}`, 'utf8'))]));
writeFileSync(
  'dist/backend/assets.js',
  `// Written by scripts/build.mjs: the CDN files inline (see src/backend/assets.ts).\n` +
    `export { ASSET_NAMES } from './asset.js';\n` +
    `const files = ${JSON.stringify(inline)};\n` +
    `export function assets() {\n  return files;\n}\n`,
);
// The JSON Schema of almara.config.json, for editors' completion (`"$schema"` in the file).
const { configJsonSchema } = await import('../dist/backend/config.js');
rmSync('dist/backend/assets.js.map', { force: true });
writeFileSync('dist/almara.config.schema.json', JSON.stringify(configJsonSchema(), null, 2) + '\n');

// The WordPress plugin, zipped for wp-admin's "Upload Plugin" (dist/wordpress/almara-pay-link.zip).
execFileSync(process.execPath, ['scripts/build-wordpress.mjs'], { stdio: 'inherit' });
