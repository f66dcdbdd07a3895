import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

// The defaults a merchant reads in custom-elements.json (from the element's @cssprop JSDoc)
// must be the fallbacks the stylesheet really uses, or a theme built on the docs is off.
interface CssProperty {
  name: string;
  default?: string;
}
interface Manifest {
  modules: { declarations?: { tagName?: string; cssProperties?: CssProperty[] }[] }[];
}

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as Manifest;
const documented =
  manifest.modules.flatMap((module) => module.declarations ?? []).find((d) => d.tagName === 'almara-pay-link')
    ?.cssProperties ?? [];

const source = readFileSync('src/almara-pay-link.styles.ts', 'utf8');
// The light scheme's fallbacks: the dark scheme's block swaps them, and is left out here.
const dark = /@media \(prefers-color-scheme: dark\) \{[^{}]*\{[^{}]*\}\s*\}/;
assert.match(source, dark, 'the dark scheme block moved: update this test');
const light = source.replace(dark, '');

/** Every fallback the light stylesheet gives a `--almara-pay-link-*` property, per property. */
const fallbacks = new Map<string, Set<string>>();
for (const [, name, value] of light.matchAll(/var\((--almara-pay-link-[\w-]+),\s*([^)]+?)\s*\)/g)) {
  if (!fallbacks.has(name!)) fallbacks.set(name!, new Set());
  fallbacks.get(name!)!.add(value!);
}

describe('the documented CSS custom properties', () => {
  it('are read from the manifest, each with a default', () => {
    assert.ok(documented.length >= 10, `${documented.length} in custom-elements.json`);
    for (const property of documented) assert.ok(property.default, `${property.name} has no default`);
  });

  for (const property of documented) {
    it(`${property.name}: its default is the stylesheet's fallback`, () => {
      assert.deepEqual([...(fallbacks.get(property.name) ?? [])], [property.default]);
    });
  }

  it('are all the stylesheet reads: none undocumented', () => {
    assert.deepEqual([...fallbacks.keys()].sort(), documented.map((property) => property.name).sort());
  });
});
