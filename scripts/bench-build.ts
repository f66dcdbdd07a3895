/**
 * `npm run bench`'s builds, in memory (nothing is written: dist/ is `npm run build`'s):
 *
 * - `buildCdn()`: the CDN file, vite.config.ts's library build as `npm run build` makes it;
 * - `buildBare()`: scripts/bench-bare-element.ts through the very same configuration (plugins,
 *   IIFE, minification), so that the two arms of the side-by-side differ only in their source;
 * - `cdnBytesBySource()`: the CDN file's minified bytes attributed to the source module each
 *   came from, read from the build's sourcemap.
 */
import { build, type Plugin, type Rolldown } from 'vite';

const CONFIG = new URL('../vite.config.ts', import.meta.url).pathname;
const ROOT = new URL('..', import.meta.url).pathname;
const BARE_ENTRY = new URL('./bench-bare-element.ts', import.meta.url).pathname;

type OutputChunk = Rolldown.OutputChunk;

async function buildOnce(entry: string | undefined, plugins: Plugin[] = [], sourcemap = false): Promise<OutputChunk> {
  const out = await build({
    configFile: CONFIG,
    logLevel: 'warn',
    plugins,
    build: {
      write: false,
      emptyOutDir: false,
      sourcemap,
      ...(entry ? { lib: { entry, name: 'BenchArm', formats: ['iife'], fileName: () => 'arm.js' } } : {}),
    },
  });
  const chunk = [out]
    .flat()
    .flatMap((o) => ('output' in o ? o.output : []))
    .find((file): file is OutputChunk => file.type === 'chunk');
  if (!chunk) throw new Error(`the bench build of ${entry ?? 'the CDN file'} made no chunk`);
  return chunk;
}

/** The CDN file's code, as `npm run build` would write it now. */
export async function buildCdn(): Promise<string> {
  return (await buildOnce(undefined)).code;
}

/** The bare Lit element, built the same way. */
export async function buildBare(): Promise<string> {
  return (await buildOnce(BARE_ENTRY)).code;
}

// ---------------------------------------------------------------------------------------

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes one line's segments of a v3 sourcemap's `mappings`: [column, source?] pairs. */
function decodeMappings(mappings: string): { column: number; source: number | undefined }[][] {
  const lines: { column: number; source: number | undefined }[][] = [];
  let source = 0;
  // Fields 2–4 are relative across the whole map; only the source index matters here.
  const state = [0, 0, 0, 0, 0];
  for (const line of mappings.split(';')) {
    const segments: { column: number; source: number | undefined }[] = [];
    state[0] = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      fields.forEach((field, i) => (state[i] = (state[i] ?? 0) + field));
      if (fields.length >= 4) source = state[1]!;
      segments.push({ column: state[0], source: fields.length >= 4 ? source : undefined });
    }
    lines.push(segments);
  }
  return lines;
}

/** `src/…` for the package's own modules, the package's name for a dependency. */
function sourceName(path: string): string {
  const normal = path.replace(/\\/g, '/');
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(normal);
  if (dependency) return `${dependency[1]!}/${normal.slice(dependency.index + dependency[0].length)}`;
  const inRoot = normal.indexOf(ROOT) === 0 ? normal.slice(ROOT.length) : normal.replace(/^(\.\.\/)+/, '');
  return inRoot;
}

export interface SourceBytes {
  /** `src/money.ts`, or `lit-html/lit-html.js` for a dependency's module. */
  module: string;
  /** The package the module belongs to: `almara-pay-link` for src/, else the dependency's name. */
  owner: string;
  /** The minified code of the CDN file that the sourcemap attributes to it, concatenated. */
  code: string;
}

/**
 * Each byte of the minified CDN file attributed to the module its sourcemap segment names;
 * bytes of no segment (the IIFE's wrapper, line breaks) to "(bundle glue)". Taken from the
 * first minifier's output, before vite.config.ts's terser pass, template folding and compile
 * hint (none of which keeps the map): totals differ from the CDN file's by what those change.
 */
export async function cdnBytesBySource(): Promise<SourceBytes[]> {
  let result: SourceBytes[] | undefined;
  const attribute: Plugin = {
    name: 'bench-bytes-by-source',
    apply: 'build',
    enforce: 'pre',
    generateBundle(_, bundle) {
      const chunk = Object.values(bundle).find((file) => file.type === 'chunk');
      if (!chunk?.map) throw new Error('the bench build has no sourcemap');
      const { sources, mappings } = chunk.map;
      const parts = new Map<string, string[]>();
      const add = (name: string, text: string) => {
        if (!text) return;
        const list = parts.get(name) ?? [];
        list.push(text);
        parts.set(name, list);
      };
      const lines = chunk.code.split('\n');
      const decoded = decodeMappings(mappings);
      lines.forEach((line, l) => {
        const segments = decoded[l] ?? [];
        let column = 0;
        let owner = '(bundle glue)';
        for (const segment of segments) {
          add(owner, line.slice(column, segment.column));
          column = segment.column;
          owner = segment.source === undefined ? '(bundle glue)' : sourceName(sources[segment.source] ?? '?');
        }
        add(owner, line.slice(column));
        if (l < lines.length - 1) add('(bundle glue)', '\n');
      });
      result = [...parts].map(([module, texts]) => ({
        module,
        owner: module.startsWith('src/')
          ? 'almara-pay-link'
          : module.startsWith('(')
            ? module
            : (/^(@[^/]+\/[^/]+|[^/]+)/.exec(module)?.[1] ?? module),
        code: texts.join(''),
      }));
    },
  };
  await buildOnce(undefined, [attribute], true);
  if (!result) throw new Error('the bench build did not reach generateBundle');
  return result;
}
