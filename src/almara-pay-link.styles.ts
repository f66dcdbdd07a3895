import { unsafeCSS } from 'lit';

/*
 * Sizes are in em, not rem: a theme that sets `html { font-size: 62.5% }` (WordPress's do)
 * must not shrink the fields below a comfortable touch size.
 *
 * Looks are steered by `--almara-pay-link-*` custom properties, each read once into a
 * private `--_*` variable with its fallback, so the rules never repeat a fallback and the
 * dark scheme only swaps fallbacks. Every byte here ships in the CDN file: rules are few
 * and shared.
 */
// unsafeCSS of a literal (no value is ever interpolated) rather than the css tag: the
// same stylesheet without the tag's checks for interpolated values, which the CDN file
// would otherwise carry.
export const styles = unsafeCSS(`
  :host {
    --_accent: var(--almara-pay-link-accent, #0a7d4f);
    --_on-accent: var(--almara-pay-link-accent-text, #fff);
    --_text: var(--almara-pay-link-text, #1b1f24);
    --_muted: var(--almara-pay-link-muted, #59636e);
    --_bg: var(--almara-pay-link-background, #fff);
    --_field-bg: var(--almara-pay-link-field-background, #fff);
    --_border: var(--almara-pay-link-border, #868f99);
    --_error: var(--almara-pay-link-error, #b3261e);
    --_radius: var(--almara-pay-link-radius, 0.625em);
    --_space: var(--almara-pay-link-spacing, 1em);
    display: block;
    max-width: 34em;
    container-type: inline-size;
    color-scheme: light dark;
    color: var(--_text);
    font-family: var(--almara-pay-link-font, inherit);
    line-height: 1.45;
    /* A theme's body text styles must not leak into the form. */
    letter-spacing: normal;
    text-transform: none;
    text-align: start;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--almara-pay-link-accent, #3ccf8e);
      --_on-accent: var(--almara-pay-link-accent-text, #03170d);
      --_text: var(--almara-pay-link-text, #e7eaee);
      --_muted: var(--almara-pay-link-muted, #a4aeb9);
      --_bg: var(--almara-pay-link-background, #15191e);
      --_field-bg: var(--almara-pay-link-field-background, #1d2228);
      --_border: var(--almara-pay-link-border, #6b7683);
      --_error: var(--almara-pay-link-error, #ffb4a9);
    }
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  form,
  .names {
    display: grid;
    gap: var(--_space);
  }
  form {
    margin: 0;
    padding: calc(var(--_space) * 1.25);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 1.5);
  }
  @container (min-width: 26em) {
    .names {
      grid-template-columns: 1fr 1fr;
    }
  }
  p {
    margin: 0;
  }
  .summary {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: baseline;
    gap: 0 1em;
    padding-bottom: var(--_space);
    border-bottom: 1px solid var(--_border);
    font-weight: 600;
  }
  /*
   * One weight besides the regular: each weight and size a page has not used yet costs its
   * first layout a font lookup (a twentieth of the first render on a 4× slowed CPU).
   */
  .amount {
    font-size: 1.25em;
    white-space: nowrap;
  }
  .field {
    display: grid;
    gap: 0.3em;
  }
  label {
    font-weight: 600;
  }
  .hint,
  .status {
    color: var(--_muted);
    font-size: 0.875em;
  }
  input,
  button,
  a {
    width: 100%;
    min-height: 3em;
    margin: 0;
    padding: 0.625em 0.75em;
    /* At least 16px, or phones zoom into the field. */
    font: inherit;
    font-size: max(1rem, 1em);
    color: inherit;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    /* A solid ring in the accent, off the edge: visible on the accent button too. */
    outline: 0 solid var(--_accent);
    outline-offset: 2px;
  }
  input {
    background: var(--_field-bg);
    appearance: none;
  }
  :focus-visible {
    outline-width: 2px;
  }
  input:focus-visible {
    border-color: var(--_accent);
  }
  /*
   * After :focus-visible and as specific, so a focused invalid field stays red. Twice as
   * thick, and its message marked, so that it shows without colour (forced colours).
   */
  input[aria-invalid=true] {
    border: 2px solid var(--_error);
  }
  .error:not(:empty)::before {
    /* U+26A0 then U+FE0E: the sign as text, not as an emoji. */
    content: '⚠︎ ';
  }
  [readonly],
  :disabled {
    opacity: 0.65;
  }
  .error {
    color: var(--_error);
    font-size: 0.875em;
  }
  .form-error {
    padding: 0.625em 0.75em;
    border: 1px solid;
    border-radius: var(--_radius);
  }
  /*
   * Empty messages stay in the accessibility tree, so that their first words are announced,
   * but out of the flow: they take no room (a grid keeps the gap of an empty item).
   */
  .error:empty,
  .status:empty {
    position: absolute;
    padding: 0;
    border: 0;
  }
  button,
  a {
    display: flex;
    justify-content: center;
    align-items: center;
    gap: 0.625em;
    /* Transparent, so that it shows in forced-colors mode. */
    border-color: transparent;
    color: var(--_on-accent);
    background: var(--_accent);
    font-weight: 600;
    text-decoration: none;
    cursor: pointer;
  }
  /* The cancel button and the presets: plain, beside the accent of the pay button. */
  .cancel,
  .presets button {
    color: inherit;
    background: none;
    border-color: var(--_border);
  }
  .presets button {
    width: auto;
    flex: 1;
  }
  .presets {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  [aria-pressed=true] {
    border: 2px solid var(--_accent);
  }
  button[aria-busy=true]::before {
    content: '';
    width: 1em;
    height: 1em;
    border: 2px solid;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    ::before {
      animation: none;
    }
  }
`);
