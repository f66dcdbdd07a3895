import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { describe, it } from 'node:test';

// `sideEffects` tells a merchant's bundler which of the published files it must keep even
// when nothing is imported from them: an entry that names no published file is noise, and
// one for a file that moved leaves the tag undefined in the merchant's build.
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { files: string[]; sideEffects: string[] };

/** The files a `dir/name*.js` pattern matches (Node 20 has no fs.globSync; the patterns glob names only). */
function matches(path: string): string[] {
  const dir = dirname(path);
  const name = new RegExp(
    `^${basename(path)
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')}$`,
  );
  return existsSync(dir) ? readdirSync(dir).filter((file) => name.test(file)) : [];
}

describe('package.json sideEffects', () => {
  for (const pattern of pkg.sideEffects) {
    it(`${pattern}: a published file of the build`, () => {
      const path = pattern.replace(/^\.\//, '');
      assert.ok(
        pkg.files.some((published) => path === published || path.startsWith(`${published}/`)),
        `${pattern} is not under "files" (${pkg.files.join(', ')}): it is never published`,
      );
      assert.ok(matches(path).length > 0, `${pattern} matches no file: run npm run build`);
    });
  }

  it('keeps the file that defines the tag', () => {
    assert.ok(pkg.sideEffects.includes('./dist/define.js'));
  });
});

describe('package.json exports', () => {
  const { exports } = JSON.parse(readFileSync('package.json', 'utf8')) as {
    exports: Record<string, string | Record<string, string>>;
  };
  for (const [entry, target] of Object.entries(exports)) {
    if (entry.endsWith('.json')) continue;
    it(`${entry}: has types, and every file it names is built`, () => {
      assert.equal(typeof target, 'object', `${entry} is a bare path: TypeScript finds no types for it`);
      const conditions = target as Record<string, string>;
      assert.ok(conditions['types'], `${entry} has no "types" condition`);
      assert.equal(Object.keys(conditions)[0], 'types', `${entry}: "types" must come first, TypeScript reads in order`);
      for (const file of Object.values(conditions))
        assert.ok(existsSync(file), `${entry} names ${file}: run npm run build`);
    });
  }
});

describe('package.json dependencies', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
    dependencies: Record<string, string>;
    peerDependencies: Record<string, string>;
    peerDependenciesMeta: Record<string, { optional?: boolean }>;
  };
  it('are ranges, so that an app with its own lit or zod keeps one copy', () => {
    for (const [name, range] of Object.entries(pkg.dependencies)) assert.match(range, /^\^/, `${name}: ${range}`);
  });
  it('need no framework: React, @lit/react, Vue, Svelte and redis are optional peers, for their entries only', () => {
    assert.deepEqual(Object.keys(pkg.dependencies).sort(), ['lit', 'zod']);
    for (const name of ['@lit/react', '@types/react', 'react', 'vue', 'svelte', 'redis']) {
      assert.ok(pkg.peerDependencies[name], `${name} is a peer`);
      assert.equal(pkg.peerDependenciesMeta[name]?.optional, true, `${name} is optional`);
    }
  });
});
