import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

// As css-properties.test.ts for the form: the defaults custom-elements.json gives for
// <almara-pay-status>'s properties are what its stylesheet falls back to, in the light scheme.
// Each property falls back to the form's of the same name, then to the scheme's default,
// which the stylesheet keeps in a private `--_name0` (the dark scheme swaps only those).
interface CssProperty {
  name: string;
  default?: string;
}
interface Manifest {
  modules: { declarations?: { tagName?: string; cssProperties?: CssProperty[] }[] }[];
}

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as Manifest;
const documented =
  manifest.modules.flatMap((module) => module.declarations ?? []).find((d) => d.tagName === 'almara-pay-status')
    ?.cssProperties ?? [];

const source = readFileSync('src/almara-pay-status.styles.ts', 'utf8');
const dark = /@media \(prefers-color-scheme: dark\) \{[^{}]*\{[^{}]*\}\s*\}/;
assert.match(source, dark, 'the dark scheme block moved: update this test');
const light = source.replace(dark, '');

/** The light scheme's private defaults: `--_accent0: #0a7d4f`. */
const defaults = new Map([...light.matchAll(/(--_[\w-]+0):\s*([^;]+);/g)].map(([, name, value]) => [name!, value!]));
const resolve = (value: string) => value.replace(/^var\((--_[\w-]+0)\)$/, (_, name: string) => defaults.get(name) ?? _);

/** Every `--almara-pay-status-*` the light stylesheet reads, with what it falls back to. */
const fallbacks = new Map<string, Set<string>>();
for (const [, name, form, value] of light.matchAll(
  /var\((--almara-pay-status-[\w-]+),\s*var\((--almara-pay-link-[\w-]+),\s*((?:var\([^)]*\))|[^)]+?)\s*\)\s*\)/g,
)) {
  assert.equal(form!.replace('-link-', '-status-'), name, `${name} falls back to ${form}, not its namesake`);
  if (!fallbacks.has(name!)) fallbacks.set(name!, new Set());
  fallbacks.get(name!)!.add(`var(${form}, ${resolve(value!)})`);
}

describe('<almara-pay-status>’s documented CSS custom properties', () => {
  it('are read from the manifest, each with a default', () => {
    assert.ok(documented.length >= 8, `${documented.length} in custom-elements.json`);
    for (const property of documented) assert.ok(property.default, `${property.name} has no default`);
  });

  for (const property of documented) {
    it(`${property.name}: its default is the form’s property, then the stylesheet’s fallback`, () => {
      assert.deepEqual([...(fallbacks.get(property.name) ?? [])], [property.default]);
    });
  }

  it('fall back to the form’s defaults: one theme, one look on both pages', () => {
    const form = new Map(
      (
        manifest.modules.flatMap((module) => module.declarations ?? []).find((d) => d.tagName === 'almara-pay-link')
          ?.cssProperties ?? []
      ).map((property) => [property.name, property.default]),
    );
    for (const property of documented) {
      const namesake = property.name.replace('-status-', '-link-');
      assert.ok(form.has(namesake), `the form has no ${namesake}`);
      assert.equal(property.default, `var(${namesake}, ${form.get(namesake)})`);
    }
  });

  it('are all the stylesheet reads: none undocumented', () => {
    const read = [...light.matchAll(/--almara-pay-status-[\w-]+/g)].map(([name]) => name);
    assert.deepEqual([...new Set(read)].sort(), documented.map((property) => property.name).sort());
    assert.deepEqual([...fallbacks.keys()].sort(), documented.map((property) => property.name).sort());
  });
});
