import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSafePaymentUrl } from '../../src/safe-url.js';

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
});
