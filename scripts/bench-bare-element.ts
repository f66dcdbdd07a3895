/**
 * `npm run bench`'s yardstick: the least a Lit element can be that renders the form
 * <almara-pay-link> renders for a fixed amount. The same four labelled inputs (first name, last
 * name, email, phone), a summary line and a Pay button, re-rendered on each keystroke, the
 * payer's details POSTed as JSON on submit. No validation, no formatting (no `Intl`), no
 * strings tables, no schema: what is left of the element's cost is Lit's. Bundled by Vite
 * exactly as the CDN file is (scripts/bench-build.ts); never published.
 */
import { css, html, LitElement } from 'lit';

const FIELDS = [
  ['firstName', 'First name', 'text', 'given-name'],
  ['lastName', 'Last name', 'text', 'family-name'],
  ['emailAddress', 'Email', 'email', 'email'],
  ['phoneNumber', 'Phone number', 'tel', 'tel'],
] as const;

type Field = (typeof FIELDS)[number][0];

export class BarePayLink extends LitElement {
  static override properties = {
    endpoint: {},
    amount: { type: Number },
    description: {},
    values: { state: true },
  };

  static override styles = css`
    :host {
      display: block;
      max-width: 34em;
    }
    form,
    .names {
      display: grid;
      gap: 1em;
    }
    label {
      display: grid;
      gap: 0.3em;
      font-weight: 600;
    }
    input,
    button {
      min-height: 3em;
      font: inherit;
    }
  `;

  declare endpoint: string;
  declare amount: number;
  declare description: string;
  declare values: Record<Field, string>;

  constructor() {
    super();
    this.endpoint = '';
    this.amount = 0;
    this.description = '';
    this.values = { firstName: '', lastName: '', emailAddress: '', phoneNumber: '' };
  }

  private onInput = (event: InputEvent) => {
    const input = event.target as HTMLInputElement;
    this.values = { ...this.values, [input.name]: input.value };
  };

  private onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...this.values, description: this.description, amount: this.amount, currency: 'KES' }),
    });
    this.dispatchEvent(new CustomEvent('bare-pay-link-success', { detail: (await response.json()) as unknown }));
  };

  override render() {
    const field = ([name, label, type, autocomplete]: (typeof FIELDS)[number]) =>
      html`<label
        >${label}<input
          name=${name}
          type=${type}
          autocomplete=${autocomplete}
          .value=${this.values[name]}
          @input=${this.onInput}
          required
      /></label>`;
    return html`<form @submit=${this.onSubmit}>
      <p>${this.description} <strong>KES ${this.amount}</strong></p>
      <div class="names">${field(FIELDS[0])}${field(FIELDS[1])}</div>
      ${field(FIELDS[2])}${field(FIELDS[3])}
      <button>Pay KES ${this.amount}</button>
    </form>`;
  }
}

customElements.define('bare-pay-link', BarePayLink);
