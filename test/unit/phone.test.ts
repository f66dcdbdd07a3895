import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizePhone } from '../../src/phone.js';

describe('normalizePhone', () => {
  const kenyan: [string, string][] = [
    ['0712 345 678', '254712345678'],
    ['0712345678', '254712345678'],
    ['+254 712 345 678', '254712345678'],
    ['+254712345678', '254712345678'],
    ['254712345678', '254712345678'],
    ['712345678', '254712345678'],
    ['0712-345-678', '254712345678'],
    ['(0712) 345.678', '254712345678'],
    ['+254 (0) 712 345 678', '254712345678'],
    ['00254712345678', '254712345678'],
    ['0110 123 456', '254110123456'],
    ['+254 110 123 456', '254110123456'],
    ['110123456', '254110123456'],
    ['0712\u00a0345\u00a0678', '254712345678'],
  ];
  for (const [input, expected] of kenyan) {
    it(`sends "${input}" as ${expected}`, () => assert.equal(normalizePhone(input), expected));
  }

  it('keeps other countries written with + as digits with their code', () => {
    assert.equal(normalizePhone('+255 712 345 678'), '255712345678');
    assert.equal(normalizePhone('+44 20 7946 0958'), '442079460958');
    assert.equal(normalizePhone('0044 20 7946 0958'), '442079460958');
    assert.equal(normalizePhone('+1 202 555 0123'), '12025550123');
    assert.equal(normalizePhone('+47 4123 4567'), '4741234567');
  });

  it('reads 00 as an international prefix, like +: a short number after it is no Kenyan number', () => {
    for (const input of ['00 712 345 678', '00712345678', '00 0712 345 678', '00 110 123 456', '001234']) {
      assert.equal(normalizePhone(input), null, input);
    }
    assert.equal(normalizePhone('00 254 712 345 678'), '254712345678');
    assert.equal(normalizePhone('00 1 202 555 0123'), '12025550123');
  });

  it('holds +1 and +7 numbers to 11 digits at least and 15 at most (E.164), like every other code', () => {
    assert.equal(normalizePhone('+7 912 345 6789'), '79123456789');
    assert.equal(normalizePhone('+7 912 345 678'), null, 'too short');
    assert.equal(normalizePhone('+1 202 555 0123 45678'), null, '16 digits');
    assert.equal(normalizePhone('+7 912 345 6789 01234'), null, '16 digits');
    assert.equal(normalizePhone('00 1 202 555 0123 45678'), null, '16 digits after 00');
    // The longest E.164 allows, for any code.
    assert.equal(normalizePhone('+44 1234 5678 90123'), '441234567890123');
    assert.equal(normalizePhone('+44 1234 5678 901234'), null);
  });

  const refused = [
    '',
    'abc',
    '0712 345 67',
    '0712 345 6789',
    '0812 345 678',
    '+254 812 345 678',
    '254 12345',
    '+1234',
    '+0712345678',
    '07123a5678',
    '+44 1234567890123456',
    '+1 202 555 012',
    '812345678',
    '7123456789',
    '71234567',
  ];
  for (const input of refused) {
    it(`refuses "${input}"`, () => assert.equal(normalizePhone(input), null));
  }

  it('is idempotent, so the server may normalise the element’s output again', () => {
    const foreign = ['+255 712 345 678', '+44 1632 960961', '+1 202 555 0123', '+47 4123 4567'];
    for (const input of [...kenyan.map(([kenyanInput]) => kenyanInput), ...foreign]) {
      const once = normalizePhone(input)!;
      assert.equal(normalizePhone(once), once);
    }
  });
});
