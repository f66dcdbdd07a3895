import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

// test/types/define.ts, compiled alone against what the package publishes: its import of
// the source becomes `almara-pay-link/define` (dist/define.d.ts, through the package's
// exports), and nothing else is in the program. In the project's own type-check the source
// is always there, so only this shows what a merchant's `import 'almara-pay-link/define'`
// brings. `npm run build` runs before it.
const TYPE_TEST = 'test/types/define.ts';
const SOURCE_IMPORT = "'../../src/define.js'";

describe('almara-pay-link/define alone', () => {
  it('types the tag and its events on the element, the document and the window', () => {
    const text = readFileSync(TYPE_TEST, 'utf8');
    assert.ok(text.includes(SOURCE_IMPORT), `${TYPE_TEST} no longer imports ${SOURCE_IMPORT}`);
    // Beside the original, so that the package's own name resolves from there.
    const file = resolve('test/types/define.published.ts');
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
    const published = text.replace(SOURCE_IMPORT, "'almara-pay-link/define'");
    host.getSourceFile = (name, language, ...rest) =>
      resolve(name) === file ? ts.createSourceFile(name, published, language) : getSourceFile(name, language, ...rest);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => resolve(name) === file || fileExists(name);

    const program = ts.createProgram([file], options, host);
    const ours = program
      .getSourceFiles()
      .map((source) => source.fileName)
      .filter((name) => !name.includes('/node_modules/') && resolve(name) !== file);
    assert.ok(ours.length > 0 && ours.every((name) => name.includes('/dist/')), `program holds ${ours.join(', ')}`);
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    assert.deepEqual(problems, []);
  });
});
