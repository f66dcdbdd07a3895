/** The stylesheet's text. Named so that vite.config.ts's `minifyStyles` finds it (`CSS(\`…`) and minifies it. */
const CSS = (text: string): string => text;

/*
 * As the form's stylesheet (almara-pay-link.styles.ts): sizes in em, each custom property read
 * once into a private `--_*` variable, the dark scheme swapping fallbacks only. Each colour is
 * the status element's own property, else the form's, so that one theme styles both pages.
 */
export const styles = CSS(`
  :host {
    /* The scheme's defaults, under the page's properties below: the dark scheme swaps these only. */
    --_accent0: #0a7d4f;
    --_on-accent0: #fff;
    --_text0: #1b1f24;
    --_muted0: #59636e;
    --_bg0: #fff;
    --_border0: #868f99;
    --_error0: #b3261e;
    --_accent: var(--almara-pay-status-accent, var(--almara-pay-link-accent, var(--_accent0)));
    --_on-accent: var(--almara-pay-status-accent-text, var(--almara-pay-link-accent-text, var(--_on-accent0)));
    --_muted: var(--almara-pay-status-muted, var(--almara-pay-link-muted, var(--_muted0)));
    --_bg: var(--almara-pay-status-background, var(--almara-pay-link-background, var(--_bg0)));
    --_error: var(--almara-pay-status-error, var(--almara-pay-link-error, var(--_error0)));
    --_radius: var(--almara-pay-status-radius, var(--almara-pay-link-radius, 0.625em));
    --_space: var(--almara-pay-status-spacing, var(--almara-pay-link-spacing, 1em));
    --_sign: var(--_muted);
    display: block;
    max-width: 34em;
    color-scheme: light dark;
    color: var(--almara-pay-status-text, var(--almara-pay-link-text, var(--_text0)));
    font-family: var(--almara-pay-status-font, var(--almara-pay-link-font, inherit));
    line-height: 1.45;
    letter-spacing: normal;
    text-transform: none;
    text-align: start;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_accent0: #3ccf8e;
      --_on-accent0: #03170d;
      --_text0: #e7eaee;
      --_muted0: #a4aeb9;
      --_bg0: #15191e;
      --_border0: #6b7683;
      --_error0: #ffb4a9;
    }
  }
  :host([hidden]) {
    display: none;
  }
  :host([status=paid]) {
    --_sign: var(--_accent);
  }
  :host([status=failed]),
  :host([status=expired]),
  :host([status=notFound]),
  :host([status=problem]) {
    --_sign: var(--_error);
  }
  .box,
  .message {
    display: grid;
    gap: var(--_space);
  }
  .box {
    padding: calc(var(--_space) * 1.25);
    background: var(--_bg);
    border: 1px solid var(--almara-pay-status-border, var(--almara-pay-link-border, var(--_border0)));
    border-radius: calc(var(--_radius) * 1.5);
  }
  p {
    margin: 0;
  }
  .summary {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 1em;
    font-weight: 700;
  }
  .state {
    display: flex;
    gap: 0.75em;
  }
  .message {
    gap: 0.3em;
    outline: none;
  }
  .title {
    font-size: 1.125em;
    font-weight: 700;
  }
  .text {
    color: var(--_muted);
  }
  /* The sign: a ring that turns while the page waits, a disc with a mark once known. */
  .icon {
    flex: none;
    display: grid;
    place-items: center;
    width: 1.75em;
    height: 1.75em;
    border: 3px solid var(--_sign);
    border-radius: 50%;
    color: var(--_bg);
    background: var(--_sign);
    font-weight: 700;
  }
  :host([status=checking]) .icon,
  :host([status=pending]) .icon {
    border-inline-end-color: transparent;
    animation: spin 1s linear infinite;
  }
  :host([status=checking]) .icon,
  :host([status=pending]) .icon,
  :host([status=stopped]) .icon {
    background: none;
  }
  :host([status=paid]) .icon::before {
    content: '✓';
  }
  :host([status=failed]) .icon::before {
    content: '✕';
  }
  :host([status=expired]) .icon::before,
  :host([status=notFound]) .icon::before,
  :host([status=problem]) .icon::before {
    content: '!';
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .icon {
      animation: none !important;
    }
  }
  .action {
    display: flex;
    justify-content: center;
    align-items: center;
    min-height: 3em;
    padding: 0.625em 0.75em;
    font: inherit;
    font-size: max(1rem, 1em);
    font-weight: 700;
    /* Transparent, so that it shows in forced-colors mode. */
    border: 1px solid transparent;
    border-radius: var(--_radius);
    color: var(--_on-accent);
    background: var(--_accent);
    text-decoration: none;
    cursor: pointer;
    outline: 0 solid var(--_accent);
    outline-offset: 2px;
  }
  :focus-visible {
    outline-width: 2px;
  }
`);
