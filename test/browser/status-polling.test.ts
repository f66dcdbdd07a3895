import './lit-warnings.js';
import { expect, fixture } from '@open-wc/testing';
import {
  afterThisTest,
  answer,
  checkAgain,
  clock,
  html,
  jsonResponse,
  message,
  mountStatus,
  never,
  offline,
  reach,
  setHidden,
  settle,
  shown,
  stubStatus,
  summary,
  text,
  until,
} from './status-helpers.js';

const times = (requests: { at: number }[]) => requests.map((request) => request.at);
const gaps = (requests: { at: number }[]) => requests.slice(1).map((request, i) => request.at - requests[i]!.at);

/** Records every status an element of the page reports, from before it is made, for this test. */
function statuses(): string[] {
  const seen: string[] = [];
  const controller = new AbortController();
  document.addEventListener('almara-pay-status-change', (event) => seen.push(event.detail.status), controller);
  afterThisTest(() => {
    controller.abort();
  });
  return seen;
}

describe('<almara-pay-status>: polling a pending payment', () => {
  it('goes from pending to paid by itself, without a reload', async () => {
    const { requests } = stubStatus(
      answer('pending', { amount: 1500, description: 'Kikoi' }),
      answer('pending', { amount: 1500, description: 'Kikoi' }),
      answer('paid', { amount: 1500, description: 'Kikoi', paidAt: '2026-12-01T11:05:00Z' }),
    );
    const el = await mountStatus();
    await reach(el, 'pending');
    expect(shown(el).title).to.equal('Waiting for your payment');
    await clock().advance(1999);
    expect(requests).to.have.length(1);
    await clock().advance(1);
    expect(requests).to.have.length(2);
    expect(el.status).to.equal('pending');
    await clock().advance(3000);
    await reach(el, 'paid');
    expect(shown(el).title).to.equal('Payment received');
    expect(summary(el)).to.deep.equal(['Kikoi', 'KES 1,500']);
    // Final: nothing is asked any more, and no timer is left.
    await clock().advance(600_000);
    expect(requests).to.have.length(3);
    expect(clock().pending).to.equal(0);
  });

  it('waits 2 s, then 1.5 times longer each time up to 15 s, for two minutes, then stops', async () => {
    const { requests } = stubStatus(answer('pending'));
    const el = await mountStatus();
    await reach(el, 'pending');
    await clock().advance(200_000);
    expect(times(requests)).to.deep.equal([
      0, 2000, 5000, 9500, 16250, 26375, 41375, 56375, 71375, 86375, 101375, 116375,
    ]);
    expect(gaps(requests)).to.deep.equal([2000, 3000, 4500, 6750, 10125, 15000, 15000, 15000, 15000, 15000, 15000]);
    expect(el.status).to.equal('stopped');
    expect(clock().pending).to.equal(0);
  });

  it('spreads its waits by the jitter: −20 % at the lowest, +20 % at the highest, never over 15 s', async () => {
    clock().random = () => 0;
    const low = stubStatus(answer('pending'));
    const el = await mountStatus();
    await reach(el, 'pending');
    await clock().advance(60_000);
    expect(gaps(low.requests).slice(0, 7)).to.deep.equal([1600, 2400, 3600, 5400, 8100, 12000, 12000]);
    el.remove();

    clock().random = () => 0.999999;
    const high = stubStatus(answer('pending'));
    const other = await mountStatus();
    await reach(other, 'pending');
    await clock().advance(80_000);
    expect(gaps(high.requests).slice(0, 7)).to.deep.equal([2400, 3600, 5400, 8100, 12150, 15000, 15000]);
  });

  it('follows poll-for: stops when the next wait would pass it, and says so in both languages', async () => {
    const { requests } = stubStatus(answer('pending'));
    const seen = statuses();
    const el = await mountStatus(
      html`<almara-pay-status endpoint="/api/status" link-id="pl_1" poll-for="10000"></almara-pay-status>`,
    );
    await clock().advance(60_000);
    expect(times(requests)).to.deep.equal([0, 2000, 5000, 9500]);
    expect(seen).to.deep.equal(['pending', 'stopped']);
    expect(el.status).to.equal('stopped');
    await el.updateComplete;
    expect(shown(el)).to.deep.equal({
      title: 'Waiting for your payment',
      text: 'Still pending. We stopped checking automatically.',
    });
    expect(text(checkAgain(el))).to.equal('Check again');
    expect(clock().pending).to.equal(0);
    el.lang = 'sw';
    await el.updateComplete;
    expect(shown(el)).to.deep.equal({
      title: 'Tunasubiri malipo yako',
      text: 'Bado hayajakamilika. Tumeacha kuangalia kiotomatiki.',
    });
    expect(text(checkAgain(el))).to.equal('Angalia tena');
  });

  it('Check again asks at once, with a fresh budget, and puts the focus on the message', async () => {
    const { requests } = stubStatus(answer('pending'));
    const el = await mountStatus(
      html`<almara-pay-status endpoint="/api/status" link-id="pl_1" poll-for="10000"></almara-pay-status>`,
    );
    await clock().advance(60_000);
    await reach(el, 'stopped');
    const before = requests.length;
    const start = clock().now();
    checkAgain(el)!.click();
    await until(() => requests.length === before + 1);
    expect(requests[before]!.at).to.equal(start);
    await reach(el, 'pending');
    await until(() => el.shadowRoot!.activeElement === message(el));
    expect(checkAgain(el)).to.equal(null);
    await clock().advance(60_000);
    // The same schedule from the start: 0, 2, 5, 9.5 s, then stopped again.
    expect(times(requests.slice(before)).map((at) => at - start)).to.deep.equal([0, 2000, 5000, 9500]);
    expect(el.status).to.equal('stopped');
  });

  it('counts a poll-for set later', async () => {
    const { requests } = stubStatus(answer('pending'));
    const el = await mountStatus();
    await reach(el, 'pending');
    el.pollFor = 5000;
    await clock().advance(60_000);
    expect(times(requests)).to.deep.equal([0, 2000, 5000]);
    expect(el.status).to.equal('stopped');
  });

  it('keeps showing pending through failed requests while pending, and keeps asking', async () => {
    const { requests } = stubStatus(
      answer('pending', { amount: 1500, description: 'Kikoi' }),
      () => jsonResponse(500, { error: { code: 'internal', message: 'Oops' } }),
      offline,
      never,
      answer('paid', { amount: 1500, description: 'Kikoi' }),
    );
    const seen = statuses();
    const el = await mountStatus();
    await reach(el, 'pending');
    await clock().advance(9500);
    expect(requests).to.have.length(4);
    expect(el.status).to.equal('pending');
    expect(shown(el).title).to.equal('Waiting for your payment');
    expect(summary(el)).to.deep.equal(['Kikoi', 'KES 1,500']);
    // The hanging request is given up on after 10 s, and the next wait follows.
    await clock().advance(10_000);
    expect(requests[3]!.signal.aborted).to.equal(true);
    expect(el.status).to.equal('pending');
    await clock().advance(6749);
    expect(requests).to.have.length(4);
    await clock().advance(1);
    await reach(el, 'paid');
    expect(times(requests)).to.deep.equal([0, 2000, 5000, 9500, 26250]);
    expect(seen).to.deep.equal(['pending', 'paid']);
  });

  it('gives up on a first request that hangs after 10 s: a problem, with Check again', async () => {
    const { requests } = stubStatus(never, answer('paid'));
    const el = await mountStatus();
    await clock().advance(9999);
    expect(el.status).to.equal('checking');
    await clock().advance(1);
    await reach(el, 'problem');
    expect(requests[0]!.signal.aborted).to.equal(true);
    checkAgain(el)!.click();
    await reach(el, 'paid');
  });

  it('takes no answer about another link', async () => {
    const { requests } = stubStatus(
      answer('pending'),
      answer('paid', { amount: 99 }, 'pl_other'),
      answer('pending'),
      answer('paid'),
    );
    const seen = statuses();
    const el = await mountStatus();
    await reach(el, 'pending');
    await clock().advance(2000);
    expect(requests).to.have.length(2);
    expect(el.status).to.equal('pending');
    expect(el.link).to.deep.equal({ id: 'pl_1', status: 'pending' });
    expect(summary(el)).to.deep.equal([]);
    await clock().advance(3000 + 4500);
    await reach(el, 'paid');
    expect(requests).to.have.length(4);
    expect(seen).to.deep.equal(['pending', 'paid']);
  });

  it('with only an answer about another link, says it could not check', async () => {
    stubStatus(answer('paid', {}, 'pl_other'));
    const el = await mountStatus();
    await reach(el, 'problem');
    expect(el.link).to.equal(undefined);
  });

  it('ignores a late answer about the id it asked before link-id changed', async () => {
    let late!: (response: Response) => void;
    const { requests } = stubStatus(
      () => new Promise<Response>((resolve) => (late = resolve)),
      answer('failed', {}, 'pl_2'),
    );
    const el = await mountStatus();
    await until(() => requests.length === 1);
    el.linkId = 'pl_2';
    await reach(el, 'failed');
    expect(requests[0]!.signal.aborted).to.equal(true);
    late(jsonResponse(200, { id: 'pl_1', status: 'paid' }));
    await settle();
    await el.updateComplete;
    expect(el.status).to.equal('failed');
    expect(el.link).to.deep.equal({ id: 'pl_2', status: 'failed' });
  });
});

describe('<almara-pay-status>: while the tab is hidden', () => {
  it('asks nothing while hidden; shown again after the wait, it asks at once', async () => {
    const { requests } = stubStatus(answer('pending'));
    const el = await mountStatus();
    await reach(el, 'pending');
    await clock().advance(500);
    setHidden(true);
    await clock().advance(60_000);
    expect(requests).to.have.length(1);
    expect(clock().pending).to.equal(0);
    setHidden(false);
    await until(() => requests.length === 2);
    expect(requests[1]!.at).to.equal(60_500);
  });

  it('shown again before the wait is over, it waits out the rest of it', async () => {
    const { requests } = stubStatus(answer('pending'));
    const el = await mountStatus();
    await reach(el, 'pending');
    await clock().advance(500);
    setHidden(true);
    await clock().advance(500);
    setHidden(false);
    await clock().advance(999);
    expect(requests).to.have.length(1);
    await clock().advance(1);
    expect(times(requests)).to.deep.equal([0, 2000]);
  });

  it('counts only the time shown against poll-for', async () => {
    const { requests } = stubStatus(answer('pending'));
    const el = await mountStatus(
      html`<almara-pay-status endpoint="/api/status" link-id="pl_1" poll-for="5000"></almara-pay-status>`,
    );
    await reach(el, 'pending');
    await clock().advance(1000);
    setHidden(true);
    // The payer is in the M-Pesa app for 100 s.
    await clock().advance(100_000);
    expect(el.status).to.equal('pending');
    setHidden(false);
    await clock().advance(60_000);
    // 1 s shown before, then asked at once, then after 3 s: 4 s of the 5 s budget, the next wait too long.
    expect(times(requests)).to.deep.equal([0, 101_000, 104_000]);
    expect(el.status).to.equal('stopped');
  });

  it('made while hidden, it asks only once shown', async () => {
    setHidden(true);
    const { requests } = stubStatus(answer('paid'));
    const el = await mountStatus();
    await clock().advance(30_000);
    expect(requests).to.deep.equal([]);
    expect(el.status).to.equal('checking');
    setHidden(false);
    await reach(el, 'paid');
    expect(times(requests)).to.deep.equal([30_000]);
  });
});

describe('<almara-pay-status>: removed from the page', () => {
  it('stops polling, with no timer left and nothing asked after; put back, it asks again', async () => {
    const { requests } = stubStatus(answer('pending'), answer('pending'), answer('paid'));
    const parent = await fixture<HTMLElement>(html`<div></div>`);
    const el = document.createElement('almara-pay-status');
    el.endpoint = '/api/status';
    el.linkId = 'pl_1';
    parent.append(el);
    await reach(el, 'pending');
    await clock().advance(2000);
    expect(requests).to.have.length(2);
    el.remove();
    await settle();
    expect(clock().pending).to.equal(0);
    await clock().advance(600_000);
    expect(requests).to.have.length(2);
    parent.append(el);
    await until(() => requests.length === 3);
    expect(requests[2]!.at).to.equal(clock().now());
    await reach(el, 'paid');
  });

  it('removed while a request is under way, aborts it and leaves no timer', async () => {
    const { requests } = stubStatus(never);
    const el = await mountStatus();
    await until(() => requests.length === 1);
    expect(clock().pending).to.equal(1);
    el.remove();
    await settle();
    expect(requests[0]!.signal.aborted).to.equal(true);
    expect(clock().pending).to.equal(0);
    await clock().advance(600_000);
    expect(requests).to.have.length(1);
    expect(el.status).to.equal('checking');
  });
});
