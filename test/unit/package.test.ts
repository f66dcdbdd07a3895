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
