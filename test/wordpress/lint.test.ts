/**
 * `php -l` on every PHP file of the WordPress plugin (PHP 8.1+; Debian's php-cli), and the
 * zip that `npm run build` makes holds exactly the plugin's files under `almara-pay-link/`.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';

const PLUGIN = join(process.cwd(), 'integrations/wordpress/almara-pay-link');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('the plugin’s PHP', () => {
  for (const file of files(PLUGIN).filter((path) => path.endsWith('.php'))) {
    it(`php -l ${relative(process.cwd(), file)}`, () => {
      const output = execFileSync('php', ['-l', file], { encoding: 'utf8' });
      assert.match(output, /No syntax errors detected/);
    });
  }

  it('every PHP file but uninstall.php stops when loaded outside WordPress (ABSPATH)', () => {
    for (const file of files(PLUGIN).filter((path) => path.endsWith('.php') && !path.endsWith('index.php'))) {
      const guard = file.endsWith('uninstall.php')
        ? "defined( 'WP_UNINSTALL_PLUGIN' ) || exit;"
        : "defined( 'ABSPATH' ) || exit;";
      assert.ok(execFileSync('cat', [file], { encoding: 'utf8' }).includes(guard), file);
    }
  });

  it('the zip holds the plugin folder, every file of it', () => {
    const zip = process.env['WP_PLUGIN_ZIP'] ?? join(process.cwd(), 'dist/wordpress/almara-pay-link.zip');
    const listed = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).trim().split('\n').sort();
    const expected = files(PLUGIN)
      .map((path) => `almara-pay-link/${relative(PLUGIN, path)}`)
      .sort();
    assert.deepEqual(listed, expected);
    execFileSync('unzip', ['-tq', zip]);
  });
});
