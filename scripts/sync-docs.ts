/**
 * The code blocks of README.md and docs/*.md, and the markers that say what the docs test
 * does with each (`test/docs/snippets.test.ts`). A marker is an HTML comment before the
 * fence (blank lines, which Prettier puts there, and other comments such as
 * `<!-- prettier-ignore -->` may stand between):
 *
 * - `<!-- docs-test: fragment -->`: not a whole module; not type-checked.
 * - `<!-- docs-test: file examples/<name>/<path> -->`: the block is exactly that file of an
 *   example folder (which its own framework's build compiles); only compared.
 * - `<!-- docs-test: module <name>.ts -->`: a module that the doc's other blocks import as
 *   `./<name>.js`; type-checked under that name.
 *
 * Run as a script (`npx tsx scripts/sync-docs.ts`), it rewrites every `file` block from its
 * file, so that the docs say what the examples do.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The Markdown files whose blocks are read, relative to the repo. `docs/contract.md` is not
 * among them: it is a verbatim copy of the design's contract (its blocks are signatures, not
 * modules), compared as a whole by the docs test.
 */
export function docFiles(root = ROOT): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md') && name !== 'contract.md')
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs];
}

export type Marker =
  | { kind: 'none' }
  | { kind: 'fragment' }
  | { kind: 'file'; path: string }
  | { kind: 'module'; name: string }
  | { kind: 'invalid'; text: string };

export interface Block {
  /** The Markdown file, relative to the repo (`README.md`, `docs/server.md`). */
  doc: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The fence's info string's first word (`ts`, `tsx`, `sh`…), lower case; '' when none. */
  lang: string;
  /** The block's text, its indentation removed, each line ending with `\n`. */
  code: string;
  marker: Marker;
  /** The block's indentation in the Markdown (a block inside a list item). */
  indent: string;
  /** 0-based index of the opening fence's line, and of the closing fence's. */
  open: number;
  close: number;
}

/** The languages the docs test type-checks, and the extension each block's file gets. */
export const CHECKED: Record<string, string> = { ts: 'ts', tsx: 'tsx', js: 'js', mjs: 'mjs', jsx: 'jsx' };

const MARKER = /^\s*<!--\s*docs-test:\s*(.*?)\s*-->\s*$/;
const COMMENT = /^\s*<!--.*-->\s*$/;
const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/;

function parseMarker(text: string): Marker {
  if (text === 'fragment') return { kind: 'fragment' };
  const file = /^file\s+(examples\/[^\s]+)$/.exec(text);
  if (file?.[1] && !file[1].split('/').includes('..')) return { kind: 'file', path: file[1] };
  const module = /^module\s+([\w.-]+\.(?:ts|tsx|js|mjs))$/.exec(text);
  if (module?.[1]) return { kind: 'module', name: module[1] };
  return { kind: 'invalid', text };
}

/** The fenced blocks of one Markdown text. */
export function parseBlocks(doc: string, text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] ?? '');
    if (!open) continue;
    const indent = open[1] ?? '';
    const fence = open[2] ?? '```';
    let close = i + 1;
    for (; close < lines.length; close++) {
      const line = lines[close] ?? '';
      const trimmed = line.trim();
      if (trimmed.startsWith(fence) && /^[`~]+$/.test(trimmed) && trimmed[0] === fence[0]) break;
    }
    const body = lines
      .slice(i + 1, close)
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart()));
    let marker: Marker = { kind: 'none' };
    for (let j = i - 1; j >= 0 && (COMMENT.test(lines[j] ?? '') || (lines[j] ?? '').trim() === ''); j--) {
      const found = MARKER.exec(lines[j] ?? '');
      if (found) {
        marker = parseMarker(found[1] ?? '');
        break;
      }
    }
    blocks.push({
      doc,
      line: i + 1,
      lang: (open[3] ?? '').toLowerCase(),
      code: body.map((line) => `${line}\n`).join(''),
      marker,
      indent,
      open: i,
      close,
    });
    i = close;
  }
  return blocks;
}

/** Every block of every doc. */
export function readBlocks(root = ROOT): Block[] {
  return docFiles(root).flatMap((doc) => parseBlocks(doc, readFileSync(join(root, doc), 'utf8')));
}

/** The text a `file` block must hold: the file as it is, ending with one newline. */
export function expectedCode(path: string, root = ROOT): string | undefined {
  const file = join(root, path);
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** Rewrites every `file` block of `doc` from its file; returns what it changed and what it could not find. */
export function syncDoc(doc: string, root = ROOT): { updated: Block[]; missing: Block[] } {
  const path = join(root, doc);
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const updated: Block[] = [];
  const missing: Block[] = [];
  // From the end, so that the earlier blocks' line numbers stay right.
  for (const block of parseBlocks(doc, text).reverse()) {
    if (block.marker.kind !== 'file') continue;
    const code = expectedCode(block.marker.path, root);
    if (code === undefined) {
      missing.push(block);
      continue;
    }
    if (code === block.code) continue;
    const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((run) => run[0].length));
    const fence = '`'.repeat(Math.max(3, longest + 1));
    const body = code
      .slice(0, -1)
      .split('\n')
      .map((line) => (line === '' ? '' : block.indent + line));
    lines.splice(
      block.open,
      block.close - block.open + 1,
      `${block.indent}${fence}${block.lang}`,
      ...body,
      block.indent + fence,
    );
    updated.push(block);
  }
  if (updated.length > 0) writeFileSync(path, lines.join('\n'));
  return { updated: updated.reverse(), missing: missing.reverse() };
}

function main(): void {
  let failed = false;
  for (const doc of docFiles()) {
    const { updated, missing } = syncDoc(doc);
    for (const block of updated) {
      if (block.marker.kind === 'file') console.log(`${doc}:${block.line}: rewritten from ${block.marker.path}`);
    }
    for (const block of missing) {
      if (block.marker.kind === 'file') console.error(`${doc}:${block.line}: ${block.marker.path} does not exist`);
      failed = true;
    }
  }
  if (failed) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
