import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';

describe('custom-elements.json', () => {
  it('is what the analyzer makes of the source now (run npm run analyze and commit it)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cem-'));
    try {
      // The analyzer takes --outdir relative to the current folder.
      const script = JSON.parse(readFileSync('package.json', 'utf8')).scripts.analyze as string;
      execFileSync('sh', ['-c', `npx ${script} --outdir ${relative(process.cwd(), dir)}`], { stdio: 'pipe' });
      const fresh = readFileSync(join(dir, 'custom-elements.json'), 'utf8');
      assert.equal(readFileSync('custom-elements.json', 'utf8'), fresh);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
