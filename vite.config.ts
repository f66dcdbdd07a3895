import vue from '@vitejs/plugin-vue';
import { minify } from 'terser';
import { defineConfig, type Plugin } from 'vite';
import { demoServer } from './scripts/vite-plugin-demo.js';

/**
 * After minification the only line breaks left in the CDN file are inside template
 * literals: Lit's html`` and css``, where a run of white space reads as one space.
 * Folding them saves bytes a payer's phone would download.
 */
const minifyCss = (css: string) =>
  css
    .replace(/\/\*[^]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,>]) ?/g, '$1')
    .replace(/([^\s(]): /g, '$1:')
    .replace(/;}/g, '}')
    .replace(/([:, (])0\./g, '$1.')
    .replace(/\) \* /g, ')*')
    .trim();

/**
 * The stylesheet's private custom properties (`--_accent`), which nothing else reads, renamed
 * `--_a`, `--_b`… in order of appearance: each is spelled several times over.
 */
const shortenPrivateProperties = (css: string) => {
  const names = [...new Set(css.match(/--_[\w-]+/g))];
  return css.replace(/--_[\w-]+/g, (name) => `--_${String.fromCharCode(97 + names.indexOf(name))}`);
};

/** The styles module's stylesheet literal is minified like a stylesheet: comments and spaces out. */
const minifyStyles: Plugin = {
  name: 'minify-styles',
  apply: 'build',
  transform(code, id) {
    if (!id.endsWith('.styles.ts')) return null;
    return {
      code: code.replace(/CSS\(`([^`]*)`/g, (_, css: string) => `CSS(\`${shortenPrivateProperties(minifyCss(css))}\``),
      map: null,
    };
  },
};

/**
 * package.json's `sideEffects` describes the published dist/ files, and Vite applies it to
 * these sources too, so it would drop the one statement that registers the tag.
 */
const keepRegistration: Plugin = {
  name: 'keep-registration',
  apply: 'build',
  transform(code, id) {
    return /\/src\/(status\/)?(define|cdn)\.ts$/.test(id) ? { code, map: null, moduleSideEffects: true } : null;
  },
};

/**
 * The CDN file is built on src/cdn/zod-mini.ts instead of zod/mini: the same schemas, without
 * what the element never calls. A schema.ts that needs more of zod/mini fails
 * test/unit/zod-mini-cdn.test.ts until that file has it too.
 */
const slimZod: Plugin = {
  name: 'slim-zod',
  apply: 'build',
  enforce: 'pre',
  resolveId(source) {
    return source === 'zod/mini' ? new URL('./src/cdn/zod-mini.ts', import.meta.url).pathname : null;
  },
};

/**
 * A second minifier over the first's output: terser finds about 100 bytes gzipped more in the
 * form's file, which pays for the compile hint below. Skipped for a build with a sourcemap (the
 * bench's by-module figures), which the pass would no longer match.
 */
const terserPass: Plugin = {
  name: 'terser-pass',
  apply: 'build',
  async generateBundle(options, bundle) {
    if (options.sourcemap) return;
    for (const chunk of Object.values(bundle))
      if (chunk.type === 'chunk')
        chunk.code = (await minify(chunk.code, { ecma: 2020, compress: { passes: 2 } })).code!;
  },
};

/**
 * V8's explicit compile hint (Chrome 136 on; other engines read a comment): every function of
 * the file is compiled as the script loads, off the main thread when it streams, instead of
 * parsed twice, once to skip it and again on its first call, which for this element is while
 * the payer waits for the form. On a 4× slowed CPU, the first render of one form took 30 ms
 * less, the script's evaluation 8 ms more (npm run bench builds its bare Lit element with it too).
 */
const compileHints: Plugin = {
  name: 'compile-hints',
  apply: 'build',
  generateBundle(options, bundle) {
    // A line ahead of the code would shift a sourcemap's every line.
    if (options.sourcemap) return;
    for (const chunk of Object.values(bundle))
      if (chunk.type === 'chunk') chunk.code = '//# allFunctionsCalledOnLoad\n' + chunk.code;
  },
};

const foldTemplateWhitespace: Plugin = {
  name: 'fold-template-whitespace',
  apply: 'build',
  generateBundle(_, bundle) {
    for (const chunk of Object.values(bundle)) {
      // Before a tag's `>` white space means nothing; between tags it only separates grid and
      // flex items, where it renders as nothing.
      if (chunk.type === 'chunk')
        chunk.code = chunk.code
          .replace(/\n\s*>/g, '>')
          .replace(/\n\s*/g, ' ')
          .replace(/> (<|\$\{)/g, '>$1');
    }
  },
};

/**
 * Vite serves the demo (`npm start`) and builds the CDN file (`npm run build`, through
 * scripts/build.mjs, which uses the `build` section below). The npm build is plain tsc:
 * unbundled ESM, so a merchant's bundler sees the real modules.
 *
 * `npm start` also mounts the sandbox and the demo shop's backend (scripts/vite-plugin-demo.ts)
 * and serves every page with the strict policy the element and the pages are written for.
 */
export default defineConfig({
  root: 'demo',
  server: {
    host: process.env['HOST'] || 'localhost',
    port: Number(process.env['PORT'] || 5173),
    strictPort: true,
    headers: { 'Content-Security-Policy': "default-src 'self'" },
    // No hot reload: when its socket drops (the payer leaves for the payment page), Vite's
    // client pings through a blob: worker, which the pages' strict policy rightly blocks.
    hmr: false,
  },
  plugins: [
    minifyStyles,
    keepRegistration,
    slimZod,
    terserPass,
    foldTemplateWhitespace,
    compileHints,
    demoServer(),
    // The Vue demo: <almara-pay-link> is the element, not a Vue component.
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('almara-pay-') } } }),
  ],
  build: {
    outDir: '../dist/cdn',
    emptyOutDir: true,
    target: 'esnext',
    minify: true,
    lib: {
      entry: new URL('./src/cdn.ts', import.meta.url).pathname,
      name: 'AlmaraPayLink',
      formats: ['iife'],
      fileName: () => 'almara-pay-link.js',
    },
    rolldownOptions: {
      output: { minify: true },
    },
  },
});
