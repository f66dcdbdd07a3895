import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSafePaymentUrl, isWebUrl } from '../../src/safe-url.js';

describe('isSafePaymentUrl', () => {
  it('accepts https links and http on this machine', () => {
    for (const url of [
      'https://pay.almara.example/l/abc',
      'https://pay.almara.example:8443/l/abc?x=1#y',
      'http://localhost:5173/sandbox/pay/1',
      'http://127.0.0.1:8080/pay',
      'http://[::1]:8080/pay',
    ]) {
      assert.ok(isSafePaymentUrl(url), url);
    }
  });
  it('refuses everything that could run script, forge a page or mislead', () => {
    for (const url of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'blob:https://pay.almara.example/uuid',
      'http://pay.almara.example/l/abc',
      'http://localhost.evil.example/',
      '/l/abc',
      '//pay.almara.example/l/abc',
      'l/abc',
      'https://',
      'not a url',
      '',
      'https://bank.example@evil.example/',
      'ftp://pay.almara.example/',
    ]) {
      assert.ok(!isSafePaymentUrl(url), url);
    }
    assert.ok(!isSafePaymentUrl(undefined));
    assert.ok(!isSafePaymentUrl(42));
  });
  it('refuses schemes that only end in http (xhttp://localhost is no loopback http)', () => {
    for (const url of [
      'xhttp://localhost/pay',
      'xhttps://pay.almara.example/l/abc',
      'web+https://pay.almara.example/',
    ]) {
      assert.ok(!isSafePaymentUrl(url), url);
    }
  });
  it('takes only strings: a JSON array holding a URL is no URL', () => {
    assert.ok(!isSafePaymentUrl(['https://pay.almara.example/l/abc']));
    assert.ok(!isSafePaymentUrl({ toString: () => 'https://pay.almara.example/l/abc' }));
  });
});

describe('isWebUrl (a redirection site, an allowed origin)', () => {
  it('accepts absolute http and https URLs on any host', () => {
    for (const url of ['https://shop.example/thanks?order=1', 'http://shop.example/', 'http://127.0.0.1:3000/x']) {
      assert.ok(isWebUrl(url), url);
    }
  });
  it('refuses other schemes, relative paths, credentials and what is no string', () => {
    for (const url of [
      'javascript:alert(1)',
      'xhttps://shop.example/',
      '/thanks',
      'shop.example/thanks',
      'https://user:pw@shop.example/',
      'https://user@shop.example/',
      'https://:pw@shop.example/',
      '',
    ]) {
      assert.ok(!isWebUrl(url), url);
    }
    assert.ok(!isWebUrl(['https://shop.example/']));
    assert.ok(!isWebUrl(undefined));
  });
});
