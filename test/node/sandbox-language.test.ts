/**
 * The sandbox's hosted payment page in the payer's language: what their browser's
 * Accept-Language asks for, or a `?lang=` on the link, English else.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sw } from '../../src/messages/index.js';
import { useSandboxLinks } from './support.js';

const SWAHILI = { 'Accept-Language': 'sw-KE,sw;q=0.9,en;q=0.8' };

describe('sandbox: the hosted payment page in Swahili', () => {
  const links = useSandboxLinks();

  it('for a Swahili browser: every line, the amount and the language of the document', async () => {
    const link = await links.createLink();
    const response = await fetch(link.url, { headers: SWAHILI });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('Content-Language'), 'sw');
    assert.match(response.headers.get('Vary') ?? '', /Accept-Language/);
    const page = (await response.text()).replace(/\s+/g, ' ');
    assert.match(page, /<html lang="sw">/);
    assert.match(page, /<title>Lipa KES 1,500 · Almara Pay ya majaribio<\/title>/);
    for (const line of [
      'Mlipaji',
      'Barua pepe',
      'Simu',
      'Hali',
      'inasubiri',
      'Lipa baadaye',
      'Kataa',
      'hakuna pesa halisi',
    ]) {
      assert.ok(page.includes(line), line);
    }
    assert.doesNotMatch(page, /Pay later|Decline|Payer|no real money/);
  });

  it('a paid link, and a link that is not there, in Swahili too', async () => {
    const link = await links.createLink();
    assert.equal((await fetch(link.url, { method: 'POST', redirect: 'manual' })).status, 303);
    const paid = await (await fetch(link.url, { headers: SWAHILI })).text();
    assert.match(paid, /Kiungo hiki kimeshalipwa\./);
    assert.match(paid, /Rudi kwa muuzaji/);
    assert.match(paid, /imelipwa/);
    const missing = await fetch(`${links.sandbox.url}/pay/pl_unknown`, { headers: SWAHILI });
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /Kiungo cha malipo hakikupatikana/);
  });

  it('an amount of the payer’s choice, checked in Swahili; a ?lang= on the link is kept on its form', async () => {
    const link = await links.createLink({ isAmountSpecified: false, amount: 0 });
    const page = await (await fetch(`${link.url}?lang=sw`, { headers: { 'Accept-Language': 'en' } })).text();
    assert.match(page, /<html lang="sw">/, 'the link’s lang wins over the browser');
    assert.match(page, /Kiasi upendacho/);
    assert.match(page, /<label for="amount">Kiasi \(KES\)<\/label>/);
    assert.match(page, new RegExp(`action="/pay/${link.id}\\?lang=sw"`));
    const refused = await fetch(`${link.url}?lang=sw`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'amount=abc',
    });
    assert.equal(refused.status, 400);
    assert.match(await refused.text(), new RegExp(`role="alert">${sw.amountInvalid.replace('.', '\\.')}</p>`));
  });

  it('English for any other browser, and for a ?lang= of no language of ours', async () => {
    const link = await links.createLink();
    for (const [url, header] of [
      [link.url, 'fr-FR,fr;q=0.9'],
      [`${link.url}?lang=xx`, 'de'],
    ] as const) {
      const response = await fetch(url, { headers: { 'Accept-Language': header } });
      assert.equal(response.headers.get('Content-Language'), 'en');
      const page = await response.text();
      assert.match(page, /<html lang="en">/);
      assert.match(page, /Pay later/);
    }
  });
});
