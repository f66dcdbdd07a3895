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
// The CDN file exports nothing and registers the tag: for a bundler that imports it, its
// types are those the registration brings (the tag, its events), as of define.
writeFileSync(
  'dist/cdn/almara-pay-link.d.ts',
  "// Importing the CDN file registers <almara-pay-link>; it exports nothing.\nimport type {} from '../define.js';\nexport {};\n",
);

const file = 'dist/cdn/almara-pay-link.js';
const code = readFileSync(file);
const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
const gzip = gzipSync(code, { level: 9 }).length;
const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const sri = `sha384-${createHash('sha384').update(code).digest('base64')}`;
console.log(`${file}: ${kb(code.length)} raw, ${kb(gzip)} gzip -9, ${kb(brotli)} brotli`);
console.log(`integrity="${sri}"`);
