/**
 * The demo pages hold still and read well, against `npm start` in Debian's Chromium:
 *
 * - CLS 0 on every page at 1280×800 and 360×740, CPU slowed 4×, read with the Layout
 *   Instability API once the forms are rendered (scripts/measure-layout.ts, which `npm run
 *   bench` prints too); the pages that reserve the forms' space also with their script held
 *   back until they have been painted without it, the worst case.
 * - The space reserved before the tag is defined is the rendered form's height, from 320 px
 *   up: a shift below the fold counts for nothing in CLS, so this is checked directly.
 * - No page scrolls sideways at 320 px (WCAG 1.4.10).
 * - Links ≥ 4.5:1 against their background (1.4.3), the fields' borders ≥ 3:1 against the
 *   field and the form behind it (1.4.11), in the light and the dark scheme, computed from
 *   the computed styles.
 *
 * Layout shift is deterministic here: CLS is asserted `=== 0` (it held in 5 runs in a row).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEMO_PAGES,
  VIEWPORTS,
  measureLayout,
  measureReservation,
  type LayoutFigures,
} from '../../scripts/measure-layout.js';
import { useDemo } from './demo-server.js';

/** A colour as getComputedStyle gives it: `rgb(r, g, b)` or `rgba(r, g, b, a)`. */
function parseColor(color: string): [number, number, number, number] {
  const match = /^rgba?\(([^)]+)\)$/.exec(color);
  if (!match) throw new Error(`not an rgb() colour: ${color}`);
  const [r = 0, g = 0, b = 0, a = 1] = match[1]!.split(/[\s,/]+/).map(Number);
  return [r, g, b, a];
}

/** WCAG 2.x relative luminance of an sRGB colour. */
function luminance(color: string): number {
  const [r, g, b] = parseColor(color).map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG 2.x contrast ratio, 1 to 21. */
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

const shiftsText = (figures: LayoutFigures) =>
  figures.shifts
    .map((shift) => `${shift.value.toFixed(4)} at ${Math.round(shift.startTime)} ms: ${shift.sources.join('; ')}`)
    .join('\n');

/**
 * In the page, as a string (tsx would give a function helpers the page lacks): each link's
 * colour and the first opaque background behind it, and each form field's border and
 * background with the form's background behind it.
 */
const COLOURS = `(() => {
  const transparent = (c) => c === 'transparent' || /^rgba\\(.*,\\s*0\\)$/.test(c);
  const behind = (el) => {
    // Up the flat tree, as the colours are painted: a slotted link lies on its slot's box.
    for (let node = el; node; node = node.assignedSlot || node.parentElement || (node.getRootNode().host ?? null)) {
      const c = getComputedStyle(node).backgroundColor;
      if (!transparent(c)) return c;
    }
    return 'rgb(255, 255, 255)';
  };
  const describe = (el) => el.localName + (el.id ? '#' + el.id : '') + ' "' + (el.textContent || '').trim().slice(0, 30) + '"';
  const links = [...document.querySelectorAll('a[href]')]
    .filter((a) => a.getClientRects().length > 0)
    .map((a) => ({ what: describe(a), color: getComputedStyle(a).color, background: behind(a) }));
  const fields = [...document.querySelectorAll('almara-pay-link')].flatMap((host) =>
    [...(host.shadowRoot ? host.shadowRoot.querySelectorAll('input') : [])].map((input) => ({
      what: (host.id ? '#' + host.id : 'almara-pay-link') + ' input[name=' + input.name + ']',
      border: getComputedStyle(input).borderTopColor,
      field: getComputedStyle(input).backgroundColor,
      form: behind(input.closest('form') || host),
    })),
  );
  return { links, fields };
})()`;

interface Colours {
  links: { what: string; color: string; background: string }[];
  fields: { what: string; border: string; field: string; form: string }[];
}

describe('the demo pages: no layout shift, no sideways scroll, contrast', { timeout: 600_000 }, () => {
  const shop = useDemo();

  for (const demoPage of DEMO_PAGES) {
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      const modes = demoPage.script ? [false, true] : [false];
      for (const lateScript of modes) {
        const how = lateScript ? ', its script arriving after the first paint' : '';
        it(`${demoPage.path}: CLS 0 at ${viewport.width}×${viewport.height} (${name}), CPU 4× slower${how}`, async () => {
          const figures = await measureLayout(shop.browser, shop.origin, demoPage, { viewport, lateScript });
          assert.equal(figures.cls, 0, `CLS ${figures.cls}; the shifts:\n${shiftsText(figures)}`);
          assert.equal(figures.total, 0, `shifts:\n${shiftsText(figures)}`);
        });
      }
    }
  }

  for (const demoPage of DEMO_PAGES.filter((page) => page.script)) {
    it(`${demoPage.path}: the space reserved for each form is the form's height, 320 to 1280 px wide`, async () => {
      const wrong: string[] = [];
      for (const width of [320, 340, 360, 390, 414, 768, 1024, 1280]) {
        const reservations = await measureReservation(shop.browser, shop.origin, demoPage, { width, height: 740 });
        assert.ok(reservations.length > 0);
        for (const { element, reserved, rendered, width: elementWidth, fontSize } of reservations) {
          // Below Chromium's 3 px threshold for a shift; a reservation is measured to 0.01 px.
          if (Math.abs(reserved - rendered) > 1) {
            const em = (px: number) => `${(px / fontSize).toFixed(4)}em`;
            wrong.push(
              `${width}px: ${element} (${em(elementWidth)} wide) reserves ${reserved.toFixed(2)}px (${em(reserved)}),` +
                ` renders ${rendered.toFixed(2)}px (${em(rendered)})`,
            );
          }
        }
      }
      assert.deepEqual(wrong, []);
    });
  }

  it('no demo page scrolls sideways at 320 px', async () => {
    const wide: string[] = [];
    for (const demoPage of DEMO_PAGES) {
      const figures = await measureLayout(shop.browser, shop.origin, demoPage, {
        viewport: { width: 320, height: 740 },
        cpuSlowdown: 1,
        settleMs: 100,
      });
      if (figures.scrollWidth > figures.clientWidth) {
        wide.push(`${demoPage.path}: ${figures.scrollWidth}px wide in ${figures.clientWidth}px`);
      }
    }
    assert.deepEqual(wide, []);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`links ≥ 4.5:1, the fields' borders ≥ 3:1 on every page (${colorScheme} scheme)`, async (t) => {
      const poor: string[] = [];
      let fieldsSeen = 0;
      // The lowest of each, printed as the test's diagnostic: the figures behind the thresholds.
      let lowestLink = 21;
      let lowestBorder = 21;
      for (const demoPage of DEMO_PAGES) {
        const context = await shop.browser.newContext({ viewport: VIEWPORTS.mobile, colorScheme });
        const page = await context.newPage();
        await page.goto(
          shop.origin + (demoPage.path === '/thanks.html' ? '/thanks.html?paymentLinkId=pl_none' : demoPage.path),
        );
        if (demoPage.ready === 'forms') {
          await page.locator('almara-pay-link').first().getByRole('button').waitFor();
        } else {
          // A made-up id: the status element's answer, with the shop's links around it.
          await page.locator('almara-pay-status[status=notFound]').waitFor();
        }
        const { links, fields } = await page.evaluate<Colours>(COLOURS);
        await context.close();
        assert.ok(links.length > 0, `${demoPage.path} has links`);
        for (const link of links) {
          const ratio = contrast(link.color, link.background);
          lowestLink = Math.min(lowestLink, ratio);
          if (ratio < 4.5) {
            poor.push(`${demoPage.path} ${link.what}: ${ratio.toFixed(2)}:1 (${link.color} on ${link.background})`);
          }
        }
        for (const field of fields) {
          fieldsSeen++;
          for (const [against, background] of [
            ['the field', field.field],
            ['the form', field.form],
          ] as const) {
            const ratio = contrast(field.border, background);
            lowestBorder = Math.min(lowestBorder, ratio);
            if (ratio < 3) {
              poor.push(
                `${demoPage.path} ${field.what}: border ${ratio.toFixed(2)}:1 against ${against} (${field.border} on ${background})`,
              );
            }
          }
        }
      }
      assert.ok(fieldsSeen >= 15, `fields seen: ${fieldsSeen}`);
      t.diagnostic(
        `${colorScheme}: lowest link contrast ${lowestLink.toFixed(2)}:1, lowest field border ${lowestBorder.toFixed(2)}:1 (${fieldsSeen} fields)`,
      );
      assert.deepEqual(poor, []);
    });
  }

  it('the contrast function agrees with WCAG', () => {
    assert.equal(contrast('rgb(0, 0, 0)', 'rgb(255, 255, 255)'), 21);
    assert.equal(contrast('rgb(255, 255, 255)', 'rgb(255, 255, 255)'), 1);
    // #767676 on white is the classic 4.54:1.
    assert.equal(contrast('rgb(118, 118, 118)', 'rgb(255, 255, 255)').toFixed(2), '4.54');
  });
});
