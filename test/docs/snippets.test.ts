/**
 * Docs that compile: every fenced `ts`, `tsx`, `js`, `mjs` block of README.md and docs/*.md is
 * written to a file of `test/docs/consumer/snippets/` and type-checked, in one `tsc` run, in a
 * merchant's project (`test/docs/consumer`: React 19, Vue, Express, Hono, Fastify…, with the
 * packed tarball installed as `npm install` would). A diagnostic is reported at its line of
 * the Markdown. Markers (see `scripts/sync-docs.ts`): `fragment` blocks are skipped, `file`
 * blocks must equal an example's file, `module` blocks are imported by their doc's others.
 *
 * Run: `node --import tsx --test test/docs/*.test.ts` (needs `.pack/almara-pay-link.tgz`).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import { CHECKED, docFiles, expectedCode, readBlocks, ROOT, type Block } from '../../scripts/sync-docs.js';
import { installTarball } from '../examples/harness.js';

const CONSUMER = join(ROOT, 'test/docs/consumer');
const SNIPPETS = join(CONSUMER, 'snippets');
const SYNC = 'run npx tsx scripts/sync-docs.ts';

const blocks = readBlocks();
const checked = blocks.filter(
  (block) => block.lang in CHECKED && (block.marker.kind === 'none' || block.marker.kind === 'module'),
);

/** Where a checked block is written, relative to the consumer: one folder per doc, so that `./name.js` imports stay in it. */
function snippetPath(block: Block): string {
  const folder = block.doc.replace(/\.md$/, '').replace(/\//g, '-').toLowerCase();
  const name = block.marker.kind === 'module' ? block.marker.name : `L${block.line}.${CHECKED[block.lang] ?? 'ts'}`;
  return `snippets/${folder}/${name}`;
}

function label(block: Block): string {
  const marker = block.marker.kind === 'module' ? ` (module ${block.marker.name})` : '';
  return `${block.doc}:${block.line} ${block.lang}${marker}`;
}

/** tsc's diagnostics, by file relative to the consumer; continuation lines stay with their diagnostic. */
function typecheck(): Map<string, string[]> {
  const tsc = join(CONSUMER, 'node_modules/typescript/bin/tsc');
  let output: string;
  try {
    output = execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--pretty', 'false'], {
      cwd: CONSUMER,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    output = `${stdout ?? ''}${stderr ?? ''}`;
  }
  const found = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    const diagnostic = /^(.+?)\((\d+),(\d+)\): (.*)$/.exec(line);
    if (diagnostic) {
      const [, file = '', row = '0', column = '0', message = ''] = diagnostic;
      const list = found.get(file) ?? [];
      list.push(`(${row},${column}) ${message}`);
      found.set(file, list);
      current = list;
    } else if (current && /^\s/.test(line)) {
      current.push(`${current.pop() ?? ''}\n${line}`);
    } else {
      const list = found.get('') ?? [];
      list.push(line);
      found.set('', list);
      current = list;
    }
  }
  return found;
}

/** `(3,7) error TS6133: …` of a block's file, as `README.md:126:7 error TS6133: …`. */
function atMarkdownLine(block: Block, diagnostic: string): string {
  return diagnostic.replace(
    /^\((\d+),(\d+)\) /,
    (_, row: string, column: string) =>
      `${block.doc}:${block.line + Number(row)}:${block.indent.length + Number(column)} `,
  );
}

describe('docs: every ts/tsx/js block type-checks as pasted', { timeout: 900_000 }, () => {
  let diagnostics = new Map<string, string[]>();

  before(() => {
    installTarball(CONSUMER, '24', 'docs consumer');
    rmSync(SNIPPETS, { recursive: true, force: true });
    for (const block of checked) {
      const file = join(CONSUMER, snippetPath(block));
      assert.ok(!existsSync(file), `${label(block)}: a second block is written to ${snippetPath(block)}`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, block.code);
    }
    diagnostics = typecheck();
  });

  for (const block of checked) {
    it(label(block), () => {
      const found = (diagnostics.get(snippetPath(block)) ?? []).map((diagnostic) => atMarkdownLine(block, diagnostic));
      if (found.length > 0)
        assert.fail(`${label(block)} does not compile (${snippetPath(block)}):\n${found.join('\n')}`);
    });
  }

  it('tsc reports nothing outside the blocks (the consumer, its tsconfig, the package types)', () => {
    const known = new Set(checked.map(snippetPath));
    const others = [...diagnostics]
      .filter(([file]) => !known.has(file))
      .map(([file, list]) => `${file}: ${list.join('\n')}`);
    assert.deepEqual(others, []);
  });
});

describe("docs: blocks that are an example's file", () => {
  for (const block of blocks) {
    if (block.marker.kind !== 'file') continue;
    const { path } = block.marker;
    it(`${block.doc}:${block.line} is ${path}`, () => {
      const code = expectedCode(path);
      assert.ok(code !== undefined, `${block.doc}:${block.line}: ${path} does not exist`);
      if (code !== block.code) assert.fail(`${block.doc}:${block.line} differs from ${path}: ${SYNC}`);
    });
  }
});

describe('docs: fragments (not type-checked)', () => {
  for (const block of blocks) {
    if (block.marker.kind === 'fragment') it(`${block.doc}:${block.line} ${block.lang}`, { skip: 'a fragment' });
  }
});

/** A doc's text without its fenced blocks. */
function withoutCode(doc: string): string {
  return readFileSync(join(ROOT, doc), 'utf8').replace(/^\s*(`{3,}|~{3,})[\s\S]*?^\s*\1\s*$/gm, '');
}

/** The anchors GitHub gives a doc's headings: lower case, punctuation dropped, spaces as `-`, repeats numbered. */
function anchors(doc: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  for (const [, heading = ''] of withoutCode(doc).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    found.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return found;
}

describe('docs: markers and links', () => {
  it('every docs-test marker is one of fragment, file examples/…, module <name>', () => {
    const invalid = blocks
      .filter((block) => block.marker.kind === 'invalid')
      .map((block) => `${block.doc}:${block.line - 1}: ${block.marker.kind === 'invalid' ? block.marker.text : ''}`);
    assert.deepEqual(invalid, []);
  });

  it('every docs-test marker stands right before a fence', () => {
    const stray: string[] = [];
    for (const doc of docFiles()) {
      const lines = readFileSync(join(ROOT, doc), 'utf8').split('\n');
      const markers = lines.flatMap((line, index) => (/<!--\s*docs-test:/.test(line) ? [index + 1] : []));
      const used = new Set(
        blocks.filter((block) => block.doc === doc && block.marker.kind !== 'none').map((b) => b.line),
      );
      for (const line of markers) {
        let next = line + 1;
        while (next <= lines.length && /^\s*(<!--.*-->)?\s*$/.test(lines[next - 1] ?? '')) next++;
        if (!used.has(next)) stray.push(`${doc}:${line}`);
      }
    }
    assert.deepEqual(
      stray,
      [],
      'a marker is an HTML comment before a fence (blank lines and other comments may stand between)',
    );
  });

  it('`module` markers name a ts/tsx/js block', () => {
    const wrong = blocks.filter((block) => block.marker.kind === 'module' && !(block.lang in CHECKED));
    assert.deepEqual(wrong.map(label), []);
  });

  it('relative links of README.md and docs/*.md lead to files in the repo, and their #anchors to headings', () => {
    const broken: string[] = [];
    for (const doc of docFiles()) {
      for (const [, target = ''] of withoutCode(doc).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target)) continue;
        const [path = '', anchor] = target.split('#');
        const file = path === '' ? join(ROOT, doc) : resolve(ROOT, dirname(doc), decodeURIComponent(path));
        const inside = !relative(ROOT, file).startsWith('..');
        if (!inside || !existsSync(file)) {
          broken.push(`${doc}: ${target}${inside ? '' : ' (outside the repo)'}`);
        } else if (anchor !== undefined && file.endsWith('.md') && !anchors(relative(ROOT, file)).has(anchor)) {
          broken.push(`${doc}: ${target} (no such heading)`);
        }
      }
    }
    assert.deepEqual(broken, []);
  });

  it('docs/contract.md is the design contract word for word (../shared/design/contract.md)', (t) => {
    const copy = join(ROOT, 'docs/contract.md');
    assert.ok(existsSync(copy), 'docs/contract.md is missing');
    const shared = join(ROOT, '..', 'shared', 'design', 'contract.md');
    if (!existsSync(shared)) {
      t.diagnostic(`${shared} is absent (no shared/ beside the repo): docs/contract.md not compared`);
      return;
    }
    if (readFileSync(copy, 'utf8') !== readFileSync(shared, 'utf8')) {
      assert.fail(
        'docs/contract.md differs from ../shared/design/contract.md: copy it again (cp ../shared/design/contract.md docs/)',
      );
    }
  });
});
