/**
 * The sandbox's pages: the hosted payment page of each link (what the payer sees after
 * the element sends them on), and an index for developers. No script at all: the
 * "Simulate payment" button is a plain form post, and the styles are an external file.
 */
import { localeOf, type Language } from '../messages/index.js';
import { formatMoney } from '../money.js';
import { ALMARA_PATHS, REDIRECT_ID_PARAM, type AlmaraCredentials } from '../server/almara/assumptions.js';
import { html, type Html } from './html.js';
import type { SandboxLink } from './links.js';
import { pageStrings } from './page-strings.js';

/** Where the pages live: the sandbox's base path, for links and the stylesheet. */
export interface PageContext {
  basePath: string;
}

/** What a payer's page is shown in; `query` is the `?lang=` it was asked for, kept on its form's action. */
export interface PayerLanguage {
  language: Language;
  query?: string;
}

const ENGLISH: PayerLanguage = { language: 'en' };

const money = (link: SandboxLink, language: Language = 'en') =>
  formatMoney(link.amount, link.currency ?? 'KES', localeOf(language));

function layout(context: PageContext, title: string, main: Html, wide = false, language: Language = 'en'): string {
  return html`<!doctype html>
    <html lang="${language}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <link rel="icon" href="${context.basePath}/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="${context.basePath}/pay.css" />
      </head>
      <body>
        <p class="banner" role="note">${pageStrings[language].banner}</p>
        <main class="${wide ? 'wide' : ''}">
          <div class="brand"><span class="brand-mark" aria-hidden="true">A</span> Almara Pay</div>
          ${main}
        </main>
      </body>
    </html> `.text;
}

const statusBadge = (status: SandboxLink['status'], label: string = status) =>
  html`<span class="status status-${status}">${label}</span>`;

/** The hosted payment page of one link, in the payer's language. */
export function payPage(
  context: PageContext,
  link: SandboxLink,
  error?: string,
  { language, query }: PayerLanguage = ENGLISH,
): string {
  const words = pageStrings[language];
  const action = `${context.basePath}/pay/${encodeURIComponent(link.id)}${query ? `?lang=${query}` : ''}`;
  const paid = link.status === 'paid';
  const details = html`<dl>
    <dt>${words.payer}</dt>
    <dd>${link.firstName} ${link.lastName}</dd>
    <dt>${words.email}</dt>
    <dd>${link.emailAddress}</dd>
    <dt>${words.phone}</dt>
    <dd>${link.phoneNumber}</dd>
    ${
      link.accountReference
        ? html`<dt>${words.reference}</dt>
            <dd>${link.accountReference}</dd>`
        : ''
    }
    <dt>${words.status}</dt>
    <dd>${statusBadge(link.status, words.statuses[link.status])}</dd>
  </dl>`;

  const body = paid
    ? html`<p class="note">${words.paidAlready}</p>
        <a class="button" href="${returnUrl(link)}">${words.returnToMerchant}</a>`
    : html`<form method="post" action="${action}">
          ${
            link.isAmountSpecified
              ? ''
              : html`<label for="amount">${words.amountIn(link.currency ?? 'KES')}</label>
                  <input
                    id="amount"
                    name="amount"
                    inputmode="decimal"
                    required
                    ${error ? html`aria-invalid="true" aria-describedby="amount-error" autofocus` : ''}
                  />`
          }
          ${error ? html`<p class="error" id="amount-error" role="alert">${error}</p>` : ''}
          <button type="submit">${words.simulate}</button>
        </form>
        <p class="note">${words.realFlow}</p>`;

  return layout(
    context,
    `${words.pay(link.isAmountSpecified ? money(link, language) : '').trim()} · ${words.sandbox}`,
    html`<section class="card" aria-labelledby="amount-heading">
      <p class="label">${words.shortCode} ${link.shortCode}</p>
      <h1 class="amount" id="amount-heading">
        ${link.isAmountSpecified ? money(link, language) : words.amountOfChoice}
      </h1>
      <p class="description">${link.description}</p>
      ${details} ${body}
    </section>`,
    false,
    language,
  );
}

/** Where the payer goes after paying: `redirectionSite` with the link id added (assumption A7). */
export function returnUrl(link: SandboxLink): string {
  const url = new URL(link.redirectionSite);
  url.searchParams.set(REDIRECT_ID_PARAM, link.id);
  return url.href;
}

export function notFoundPage(context: PageContext, { language }: PayerLanguage = ENGLISH): string {
  const words = pageStrings[language];
  return layout(
    context,
    `${words.notFoundTitle} · ${words.sandbox}`,
    html`<section class="card">
      <h1>${words.notFound}</h1>
      <p class="note">${words.notFoundNote}</p>
    </section>`,
    false,
    language,
  );
}

export interface IndexDetails {
  origin: string;
  credentials: AlmaraCredentials;
  shortCode: string;
  links: SandboxLink[];
}

/** What a developer needs to point a backend at the sandbox, and the latest links. */
export function indexPage(context: PageContext, details: IndexDetails): string {
  const base = details.origin + context.basePath;
  const rows = details.links.map(
    (link) =>
      html`<tr>
        <td>
          <a href="${context.basePath}/pay/${encodeURIComponent(link.id)}"><code>${link.id}</code></a>
        </td>
        <td>${link.isAmountSpecified ? money(link) : 'open'}</td>
        <td>${link.description}</td>
        <td>${statusBadge(link.status)}</td>
      </tr>`,
  );
  return layout(
    context,
    'Almara Pay sandbox',
    html`<section class="card">
        <h1>Sandbox</h1>
        <p>A local stand-in for the Almara Pay API. Point your backend at it:</p>
        <dl>
          <dt>Base URL</dt>
          <dd><code>${base}</code></dd>
          <dt>Client id</dt>
          <dd><code>${details.credentials.clientId}</code></dd>
          <dt>Client secret</dt>
          <dd><code>${details.credentials.clientSecret}</code></dd>
          <dt>Short code</dt>
          <dd><code>${details.shortCode}</code></dd>
        </dl>
        <p class="note">
          Token: <code>POST ${ALMARA_PATHS.token}</code>. Links: <code>POST ${ALMARA_PATHS.create}</code>,
          <code>GET ${ALMARA_PATHS.find}/{id}</code>, <code>PUT ${ALMARA_PATHS.update}/{id}</code>.
        </p>
      </section>
      <h2>Latest links</h2>
      ${
        rows.length
          ? html`<table>
              <thead>
                <tr>
                  <th>Id</th>
                  <th>Amount</th>
                  <th>Description</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>`
          : html`<p class="note">None yet.</p>`
      }`,
    true,
  );
}
