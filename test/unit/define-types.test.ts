import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

// Each type test below, compiled alone against what the package publishes: its import of
// the source becomes the package's entry (dist/define.d.ts, dist/status/define.d.ts, through
// the package's exports), and nothing else is in the program. In the project's own
// type-check the source is always there, so only this shows what a merchant's
// `import 'almara-pay-link/define'` (or `/status/define`) brings. `npm run build` runs before it.
const CASES = [
  {
    entry: 'almara-pay-link/define',
    file: 'test/types/define.ts',
    source: "'../../src/define.js'",
    what: 'types the tag and its events on the element, the document and the window',
  },
  {
    entry: 'almara-pay-link/status/define',
    file: 'test/types/status-define.ts',
    source: "'../../src/status/define.js'",
    what: 'types <almara-pay-status>, its properties and its event on the element, the document and the window',
  },
];

/** tsc's diagnostics for `typeTest` with `source` replaced by `entry`, checked with nothing else. */
function publishedDiagnostics(typeTest: string, source: string, entry: string): string[] {
  const text = readFileSync(typeTest, 'utf8');
  assert.ok(text.includes(source), `${typeTest} no longer imports ${source}`);
  // Beside the original, so that the package's own name resolves from there.
  const file = resolve(typeTest.replace(/\.ts$/, '.published.ts'));
  const config = ts.getParsedCommandLineOfConfigFile(
    'tsconfig.json',
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) =>
        assert.fail(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')),
    },
  )!;
  // No ambient types (node, mocha): only the DOM library and what the import brings.
  const options = { ...config.options, types: [], noEmit: true };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const published = text.replace(source, `'${entry}'`);
  host.getSourceFile = (name, language, ...rest) =>
    resolve(name) === file ? ts.createSourceFile(name, published, language) : getSourceFile(name, language, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => resolve(name) === file || fileExists(name);

  const program = ts.createProgram([file], options, host);
  const ours = program
    .getSourceFiles()
    .map((sourceFile) => sourceFile.fileName)
    .filter((name) => !name.includes('/node_modules/') && resolve(name) !== file);
  assert.ok(ours.length > 0 && ours.every((name) => name.includes('/dist/')), `program holds ${ours.join(', ')}`);
  return ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

for (const { entry, file, source, what } of CASES) {
  describe(`${entry} alone`, () => {
    it(what, () => {
      assert.deepEqual(publishedDiagnostics(file, source, entry), []);
    });
  });
}
