/**
 * demo/cms.html against `npm start` in Debian's Chromium: a CMS article whose theme restyles
 * every form, input, label and button on the page, with the element pasted twice as an HTML
 * snippet (the CDN script tag and the element), dressed through its custom properties.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { fillPayer, payerOnPaymentPage, recordProblems, useDemo } from './demo-server.js';

/** What cms-custom.css sets, as getComputedStyle reports it. */
const THEME_ACCENT = 'rgb(156, 61, 20)'; // --almara-pay-link-accent: #9c3d14
const THEME_ACCENT_TEXT = 'rgb(255, 248, 234)'; // --almara-pay-link-accent-text: #fff8ea
const THEME_RADIUS = '2px'; // --almara-pay-link-radius
const THEME_FONT = '"Trebuchet MS", "DejaVu Sans", sans-serif'; // --almara-pay-link-font

/**
 * Properties the theme sets on `input`, `button` and `label` (cms-theme.css) that the element's
 * own stylesheet decides: were the theme to reach into the shadow root, these would change.
 * Inherited ones the element means to take from the page (font size, font family) are checked
 * apart, against known values.
 */
const GUARDED = [
  'text-transform',
  'letter-spacing',
  'font-style',
  'font-weight',
  'text-align',
  'text-shadow',
  'box-shadow',
  'background-image',
  'cursor',
  'transform',
  'box-sizing',
  'display',
  'min-height',
  'margin-top',
  'margin-bottom',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
  'border-top-style',
  'border-bottom-style',
  'border-top-width',
  'border-bottom-width',
  'outline-style',
] as const;

type Styles = Record<string, string>;
interface Internals {
  input: Styles;
  button: Styles;
  label: Styles;
}

/**
 * Sizes the element sets in em, so that they follow the page's text size (a theme's
 * `html { font-size: 62.5% }` must not shrink the fields): compared as multiples of the
 * font size, since this page's text is larger than the reference page's.
 */
const EM_SIZED = new Set(['min-height', 'padding-top', 'padding-right', 'padding-bottom', 'padding-left']);

/** The computed styles of an element's first-name input, label and pay button, inside its shadow root. */
function internals(element: Locator, properties: readonly string[]): Promise<Internals> {
  return element.evaluate(
    (host, [names, emSized]) => {
      const root = host.shadowRoot!;
      // No named helper function in here: tsx would wrap it in a `__name` call the page does not have.
      const [input, button, label] = ['input[name="firstName"]', 'button', 'label[for="firstName"]']
        .map((selector) => getComputedStyle(root.querySelector(selector)!))
        .map((style) =>
          Object.fromEntries(
            names.map((name) => {
              const value = style.getPropertyValue(name);
              if (!emSized.includes(name) || !value.endsWith('px')) return [name, value];
              return [name, `${(parseFloat(value) / parseFloat(style.fontSize)).toFixed(3)}em`];
            }),
          ),
        );
      return { input: input!, button: button!, label: label! };
    },
    [properties, [...EM_SIZED]] as const,
  );
}

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('cms.html: two pasted snippets in a heavy-handed theme', { timeout: 180_000 }, () => {
  const shop = useDemo();

  /** The article, with both forms rendered. */
  async function openArticle(): Promise<{ page: Page; problems: string[]; kikoi: Locator; trees: Locator }> {
    const page = await shop.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(20_000);
    const problems = await recordProblems(page);
    const response = await page.goto(shop.origin + '/cms.html');
    assert.equal(response?.headers()['content-security-policy'], "default-src 'self'");
    const kikoi = page.locator('almara-pay-link#kikoi');
    const trees = page.locator('almara-pay-link#trees');
    await kikoi.getByRole('button', { name: /^Pay KES\s1,500$/ }).waitFor();
    await trees.getByRole('button', { name: /^Pay KES\s500$/ }).waitFor();
    return { page, problems, kikoi, trees };
  }

  // A payer of its own, the phone number written the international way.
  const achieng = {
    firstName: 'Achieng',
    lastName: 'Otieno',
    emailAddress: 'achieng@example.com',
    phoneNumber: '+254 712 345 678',
  };

  it('the theme is active: its own forms are dashed, uppercase, typewritten', async () => {
    const { page, problems } = await openArticle();
    const newsletter = page.locator('#newsletter');
    const button = await newsletter
      .getByRole('button', { name: 'Subscribe' })
      .evaluate((node) => getComputedStyle(node))
      .then(({ textTransform, borderTopStyle, paddingLeft, cursor }) => ({
        textTransform,
        borderTopStyle,
        paddingLeft,
        cursor,
      }));
    assert.deepEqual(button, {
      textTransform: 'uppercase',
      borderTopStyle: 'dashed',
      paddingLeft: '44px',
      cursor: 'crosshair',
    });
    const input = await newsletter
      .getByLabel('Email')
      .evaluate((node) => getComputedStyle(node))
      .then(({ borderTopStyle, fontStyle, fontSize, fontFamily }) => ({
        borderTopStyle,
        fontStyle,
        fontSize,
        fontFamily,
      }));
    assert.deepEqual(input, {
      borderTopStyle: 'dashed',
      fontStyle: 'italic',
      fontSize: '14px',
      fontFamily: '"Courier New", "DejaVu Sans Mono", monospace',
    });
    // The pasted script ran twice; that must be harmless.
    assert.deepEqual(problems, [], 'no CSP violation, script error or console error');
    await page.close();
  });

  it("the theme does not reach the elements' inputs, labels and buttons", async () => {
    const { page, problems, kikoi, trees } = await openArticle();
    // The same element on a page without the theme: static.html.
    const plain = await shop.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await plain.goto(shop.origin + '/static.html');
    const reference = plain.locator('almara-pay-link');
    await reference.getByRole('button').waitFor();
    const expected = await internals(reference, GUARDED);
    await plain.close();

    // Sanity: the reference differs from what the theme would impose.
    assert.equal(expected.button['text-transform'], 'none');
    assert.equal(expected.input['border-top-style'], 'solid');

    for (const [name, element] of [
      ['kikoi', kikoi],
      ['trees', trees],
    ] as const) {
      const actual = await internals(element, [...GUARDED, 'font-size', 'font-family']);
      for (const part of ['input', 'button', 'label'] as const) {
        for (const property of GUARDED) {
          assert.equal(actual[part][property], expected[part][property], `${name}: ${part} ${property}`);
        }
      }
      // Inherited on purpose: the body's size (19px, not the theme's 14px for inputs) and the
      // font named by --almara-pay-link-font (not the theme's Courier or Impact).
      const hostFontSize = await element.evaluate((host) => getComputedStyle(host).fontSize);
      assert.equal(hostFontSize, '19px');
      for (const part of ['input', 'button'] as const) {
        assert.equal(actual[part]['font-size'], hostFontSize, `${name}: ${part} font-size`);
        assert.equal(actual[part]['font-family'], THEME_FONT, `${name}: ${part} font-family`);
      }
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('the custom properties dress both elements in the theme', async () => {
    const { page, problems, kikoi, trees } = await openArticle();
    for (const element of [kikoi, trees]) {
      const looks = await element.evaluate((host) => {
        const root = host.shadowRoot!;
        const button = getComputedStyle(root.querySelector('button')!);
        const input = getComputedStyle(root.querySelector('input')!);
        const form = getComputedStyle(root.querySelector('form')!);
        return {
          buttonBackground: button.backgroundColor,
          buttonText: button.color,
          inputRadius: input.borderTopLeftRadius,
          formBorder: form.borderTopStyle,
        };
      });
      assert.deepEqual(looks, {
        buttonBackground: THEME_ACCENT,
        buttonText: THEME_ACCENT_TEXT,
        inputRadius: THEME_RADIUS,
        formBorder: 'dashed', // through ::part(form)
      });
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('an invalid submit marks only its own form; the other one then pays KES 1,500', async () => {
    const { page, problems, kikoi, trees } = await openArticle();
    const invalid = (element: Locator) => element.locator('input[aria-invalid="true"]').count();

    await trees.getByRole('button', { name: /^Pay KES\s500$/ }).click();
    assert.equal(await invalid(trees), 4, 'all four empty fields of the clicked form are marked');
    assert.equal(await invalid(kikoi), 0, 'the other form is untouched');
    const focused = await page.evaluate(() => {
      const host = document.activeElement;
      return { host: host?.id, field: host?.shadowRoot?.activeElement?.getAttribute('name') };
    });
    assert.deepEqual(focused, { host: 'trees', field: 'firstName' }, 'focus is on the first invalid field');

    await fillPayer(kikoi, achieng);
    await kikoi.getByRole('button', { name: /^Pay KES\s1,500$/ }).click();
    await page.waitForURL(/\/sandbox\/pay\/pl_/);
    assert.equal(await text(page, 'h1'), 'KES 1,500');
    assert.equal(await text(page, '.description'), 'Kikoi beach wrap');
    assert.match(await text(page, 'dl'), payerOnPaymentPage(achieng, '254712345678'));
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('the second snippet pays its own KES 500, whatever was typed in the first', async () => {
    const { page, problems, kikoi, trees } = await openArticle();
    await kikoi.getByLabel('First name').fill('Someone else');
    await fillPayer(trees, achieng);
    await trees.getByRole('button', { name: /^Pay KES\s500$/ }).click();
    await page.waitForURL(/\/sandbox\/pay\/pl_/);
    assert.equal(await text(page, 'h1'), 'KES 500');
    assert.equal(await text(page, '.description'), 'Donation: Green Belt tree fund');
    assert.match(await text(page, 'dl'), /Achieng Otieno/);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
