import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findClinicalValues } from './clinical';
import { findDates } from './dates';
import { Deidentifier, dateOffset, resolveSpans } from './deidentify';
import { classifyField } from './fields';
import { KnownValueMatcher, nameVariants } from './names';
import { findAddresses, findEmails, findMrns, findPhones, findResidentIds } from './patterns';
import { identityKey, pseudonymFor } from './pseudonyms';
import { isValidResidentId, residentIdCheckCharacter } from './resident-id';

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const birthDate = fc
  .date({
    min: new Date('1920-01-01T00:00:00Z'),
    max: new Date('2020-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString().slice(0, 10).replace(/-/g, ''));
const residentId = fc
  .tuple(
    fc.array(digit, { minLength: 6, maxLength: 6 }),
    birthDate,
    fc.array(digit, { minLength: 3, maxLength: 3 }),
  )
  .map(([region, date, sequence]) => {
    const first17 = `${region.join('')}${date}${sequence.join('')}`;
    return first17 + residentIdCheckCharacter(first17);
  });
const filler = fc.constantFrom('患者', '，', '。', ' ', 'the', '复查', 'noted ', '：', 'ID');

const texts = (spans: { start: number; end: number }[], text: string) =>
  spans.map((span) => text.slice(span.start, span.end));

describe('resident ID numbers', () => {
  it('accept a published example and reject it with any other check character', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('11010519491231002x')).toBe(true);
    for (const check of '0123456789')
      expect(isValidResidentId(`11010519491231002${check}`)).toBe(false);
  });

  it('reject a number whose birth date does not exist', () => {
    const first17 = '11010519490230002';
    expect(isValidResidentId(first17 + residentIdCheckCharacter(first17))).toBe(false);
  });

  it('detect every single changed digit (ISO 7064 MOD 11-2)', () => {
    fc.assert(
      fc.property(
        residentId,
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (id, index, delta) => {
          expect(isValidResidentId(id)).toBe(true);
          const changed = (Number(id[index]) + delta) % 10;
          const damaged = id.slice(0, index) + String(changed) + id.slice(index + 1);
          const datePart = index >= 6 && index < 14;
          // A changed date digit may also make the date impossible; either way it is refused.
          if (!datePart || /^\d{17}/.test(damaged)) expect(isValidResidentId(damaged)).toBe(false);
        },
      ),
    );
  });

  it('are found in text only with a valid checksum and never inside a longer number', () => {
    fc.assert(
      fc.property(residentId, filler, filler, (id, before, after) => {
        const text = `${before}身份证号${id}${after}`;
        expect(texts(findResidentIds(text), text)).toEqual([id]);
        expect(findResidentIds(`${before}9${id}${after}`)).toEqual([]);
        const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
        expect(findResidentIds(`${before}${wrong}`)).toEqual([]);
      }),
    );
  });
});

describe('shape finders', () => {
  it('find phone numbers in Chinese, North American and international forms', () => {
    const text =
      '手机13812345678，139-8765-4321，+86 138 1234 5678；座机(0571)88886666、010-87654321转123；' +
      'US (555) 123-4567, 555.123.4567, +1 415 555 0132; UK +44 20 7946 0958.';
    expect(texts(findPhones(text), text).sort()).toEqual(
      [
        '13812345678',
        '139-8765-4321',
        '+86 138 1234 5678',
        '(0571)88886666',
        '010-87654321转123',
        '(555) 123-4567',
        '555.123.4567',
        '+1 415 555 0132',
        '+44 20 7946 0958',
      ].sort(),
    );
  });

  it('find mobile numbers anywhere in text, but not inside longer digit runs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 9 }),
        fc.array(digit, { minLength: 9, maxLength: 9 }),
        filler,
        filler,
        (second, rest, before, after) => {
          const phone = `1${second}${rest.join('')}`;
          expect(
            texts(findPhones(`${before}${phone}${after}`), `${before}${phone}${after}`),
          ).toEqual([phone]);
          expect(findPhones(`${before}8${phone}${after}`)).toEqual([]);
        },
      ),
    );
  });

  it('do not take clinical numbers for phones, dates or record numbers', () => {
    const text =
      'Hb 135 g/L (130-175), LOINC 718-7 and 2345-7, PLT 150-400 ×10^9/L, BP 120/80 mmHg, 2023 cases, 1-2 tablets, 3.5-5.5 mmol/L';
    expect(findPhones(text)).toEqual([]);
    expect(findDates(text)).toEqual([]);
    expect(findMrns(text)).toEqual([]);
    expect(findResidentIds(text)).toEqual([]);
  });

  it('find e-mail addresses', () => {
    const text = '邮箱 li.xiuying@example.cn，或 j_smith+lab@hospital.example.org。';
    expect(texts(findEmails(text), text)).toEqual([
      'li.xiuying@example.cn',
      'j_smith+lab@hospital.example.org',
    ]);
  });

  it('find record numbers after their labels and with a site pattern', () => {
    const text =
      'MRN: 00123456; 住院号：ZY2023001，病案号 BA778899, Hospital No. H-77812, case K9-88812';
    expect(texts(findMrns(text, undefined, [/case (K\d-\d{5})/]), text)).toEqual([
      '00123456',
      'ZY2023001',
      'BA778899',
      'H-77812',
      'K9-88812',
    ]);
  });

  it('find Chinese and English street addresses without the words before them', () => {
    const text =
      '患者家住浙江省杭州市西湖区文三路100号3号楼2单元501室，张伟的地址是北京市朝阳区建国路88号；' +
      '现住广东省深圳市南山区。He lives at 42 Oak Tree Lane, Springfield, IL 62704 and works at 1600 Pennsylvania Avenue.';
    expect(texts(findAddresses(text), text)).toEqual([
      '浙江省杭州市西湖区文三路100号3号楼2单元501室',
      '北京市朝阳区建国路88号',
      '广东省深圳市南山区',
      '42 Oak Tree Lane, Springfield, IL 62704',
      '1600 Pennsylvania Avenue',
    ]);
  });

  it('leave anatomical regions and numbered items alone', () => {
    expect(findAddresses('心前区可闻及杂音，肝区叩痛，第3号标本，右下肺野。')).toEqual([]);
  });
});

describe('dates', () => {
  const day = 86_400_000;
  const anyDate = fc.date({
    min: new Date('1950-01-01T00:00:00Z'),
    max: new Date('2049-12-31T00:00:00Z'),
    noInvalidDate: true,
  });
  const forms: [string, (date: Date) => string][] = [
    ['iso', (d) => d.toISOString().slice(0, 10)],
    ['slash', (d) => `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()}`],
    ['chinese', (d) => `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`],
    [
      'us',
      (d) =>
        `${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}/${d.getUTCFullYear()}`,
    ],
    [
      'english',
      (d) =>
        `${d.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' })} ${d.getUTCDate()}, ${d.getUTCFullYear()}`,
    ],
  ];

  it('shift by whole days and write the date back in the form it came in', () => {
    fc.assert(
      fc.property(
        anyDate,
        fc.integer({ min: -400, max: 400 }),
        fc.constantFrom(...forms),
        fc.constantFrom('患者', '，', ' ', 'on ', '：', '('),
        (date, days, [, write], before) => {
          const midnight = new Date(Math.floor(date.getTime() / day) * day);
          const text = `${before}${write(midnight)}复查`;
          const [found, ...others] = findDates(text);
          expect(others).toEqual([]);
          expect(found?.value).toEqual(midnight);
          const [again] = findDates(found?.shift(days) ?? '');
          expect(again?.value).toEqual(new Date(midnight.getTime() + days * day));
          expect(again?.form).toBe(found?.form);
        },
      ),
    );
  });

  it('keep zero padding and the way the month is named', () => {
    const shifted = (text: string, days: number) => findDates(text)[0]?.shift(days);
    expect(shifted('2023-04-05', 1)).toBe('2023-04-06');
    expect(shifted('2023/4/5', 30)).toBe('2023/5/5');
    expect(shifted('2023.12.31', 1)).toBe('2024.1.1');
    expect(shifted('2023年04月05日', -5)).toBe('2023年03月31日');
    expect(shifted('2023年4月5号', 1)).toBe('2023年4月6号');
    expect(shifted('04/05/2023', 1)).toBe('04/06/2023');
    expect(shifted('April 30, 2023', 1)).toBe('May 1, 2023');
    expect(shifted('5 Apr 2023', 30)).toBe('5 May 2023');
    expect(shifted('28 Feb 2024', 1)).toBe('29 Feb 2024');
  });

  it('ignore impossible dates', () => {
    expect(findDates('2023-02-30, 2023/13/01, 2023年2月29日, 02/30/2023')).toEqual([]);
  });

  it('give one patient one non-zero offset within the limit', () => {
    fc.assert(
      fc.property(fc.nat(), fc.string(), fc.integer({ min: 1, max: 1000 }), (seed, key, limit) => {
        const offset = dateOffset(seed, key, limit);
        expect(offset).not.toBe(0);
        expect(Math.abs(offset)).toBeLessThanOrEqual(limit);
        expect(dateOffset(seed, key, limit)).toBe(offset);
      }),
    );
  });
});

describe('names and known values', () => {
  it('make whole-name and word variants for Latin names, whole names for Chinese ones', () => {
    expect(nameVariants('SMITH, JOHN')).toEqual([
      { text: 'SMITH JOHN', capitalised: false },
      { text: 'JOHN SMITH', capitalised: false },
      { text: 'SMITH', capitalised: true },
      { text: 'JOHN', capitalised: true },
    ]);
    expect(nameVariants(' 欧阳 娜娜 ')).toEqual([{ text: '欧阳娜娜', capitalised: false }]);
    expect(nameVariants('Li')).toEqual([]);
  });

  it('find a name wherever it is written, but a lone word only when capitalised', () => {
    const matcher = new KnownValueMatcher(['John Smith', '张伟']);
    const text = 'john smith saw Dr. Smith; a smith forged it; Smithson stayed; 张伟复诊';
    expect(texts(matcher.find(text), text)).toEqual(['john smith', 'Smith', '张伟']);
  });

  it('find a Chinese name planted anywhere in Chinese text', () => {
    const surname = fc.constantFrom(...Array.from('王李张刘陈杨黄赵吴周'));
    const given = fc.array(fc.constantFrom(...Array.from('伟芳娜敏静丽强磊军洋')), {
      minLength: 1,
      maxLength: 2,
    });
    fc.assert(
      fc.property(surname, given, filler, filler, (first, rest, before, after) => {
        const name = first + rest.join('');
        const text = `${before}${name}${after}`;
        const deidentifier = new Deidentifier({ names: [name] });
        expect(deidentifier.text(text, 'p').text).toBe(`${before}[NAME]${after}`);
      }),
    );
  });

  it('look up identifier-field values only when they are long enough to mean something', () => {
    const matcher = new KnownValueMatcher();
    matcher.addValue('MRN', '12');
    matcher.addValue('MRN', 'ZY2023001');
    expect(matcher.size).toBe(1);
    expect(
      texts(matcher.find('ZY2023001 and XZY2023001 and 12'), 'ZY2023001 and XZY2023001 and 12'),
    ).toEqual(['ZY2023001']);
  });
});

describe('fields', () => {
  it('are classified by their names, in English and Chinese', () => {
    const expected: [string, string | null][] = [
      ['姓名', 'NAME'],
      ['Patient Name', 'NAME'],
      ['主治医师', 'NAME'],
      ['SUBJECT_ID', 'MRN'],
      ['住院号', 'MRN'],
      ['联系电话', 'PHONE'],
      ['E-mail', 'EMAIL'],
      ['身份证号', 'ID'],
      ['家庭住址', 'ADDRESS'],
      ['检验项目', null],
      ['TEST_NAME', null],
      ['血红蛋白', null],
    ];
    for (const [name, type] of expected) expect(classifyField(name), name).toBe(type);
  });
});

describe('replacement', () => {
  it('prefers the longest of overlapping spans, then the more specific type', () => {
    const spans = resolveSpans([
      { start: 0, end: 5, type: 'NAME' as const },
      { start: 0, end: 20, type: 'EMAIL' as const },
      { start: 25, end: 36, type: 'PHONE' as const },
      { start: 25, end: 36, type: 'MRN' as const },
    ]);
    expect(spans.map((span) => span.type)).toEqual(['EMAIL', 'PHONE']);
  });

  it('never changes text made only of clinical values', () => {
    const value = fc
      .tuple(
        fc.integer({ min: 0, max: 99999 }),
        fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }),
        fc.constantFrom(
          'g/L',
          'mg/dL',
          'mmol/L',
          'μmol/L',
          'U/L',
          '%',
          'mg',
          'mL',
          '×10^9/L',
          'mmHg',
          '℃',
        ),
        fc.constantFrom('', ' '),
      )
      .map(
        ([whole, decimals, unit, space]) =>
          `${whole}${decimals === undefined ? '' : `.${decimals}`}${space}${unit}`,
      );
    const code = fc
      .tuple(fc.integer({ min: 1, max: 99999 }), fc.integer({ min: 0, max: 9 }))
      .map(([number, check]) => `LOINC ${number}-${check}`);
    const deidentifier = new Deidentifier({ names: ['Hb', 'Smith'], mode: 'pseudonym' });
    fc.assert(
      fc.property(fc.array(fc.oneof(value, code), { minLength: 1, maxLength: 6 }), (parts) => {
        const text = `Results: ${parts.join('; ')}.`;
        expect(deidentifier.text(text, 'p').text).toBe(text);
        expect(findClinicalValues(text).length).toBeGreaterThanOrEqual(parts.length);
      }),
    );
  });

  it('gives the same identifier the same pseudonym however it is written, per salt', () => {
    expect(pseudonymFor('s', 'PHONE', '138 1234 5678')).toBe(
      pseudonymFor('s', 'PHONE', '13812345678'),
    );
    expect(pseudonymFor('s', 'PHONE', '+86 13812345678')).toBe(
      pseudonymFor('s', 'PHONE', '13812345678'),
    );
    expect(pseudonymFor('s', 'EMAIL', 'A@B.org')).toBe(pseudonymFor('s', 'EMAIL', 'a@b.org'));
    expect(pseudonymFor('s', 'PHONE', '13812345678')).not.toBe(
      pseudonymFor('t', 'PHONE', '13812345678'),
    );
    expect(identityKey('NAME', ' John  Smith ')).toBe('john smith');
    expect(pseudonymFor('s', 'NAME', 'SMITH, JOHN')).toMatch(/^[A-Z]+, [A-Z]+$/);
    expect(pseudonymFor('s', 'NAME', '张伟')).toMatch(/^\p{Script=Han}{2,3}$/u);
  });

  it('previews before and after with the place of each replacement in both', () => {
    const deidentifier = new Deidentifier({ names: ['张伟'] });
    const preview = deidentifier.preview('张伟，电话13812345678。', 'p');
    expect(preview.after).toBe('[NAME]，电话[PHONE]。');
    expect(
      preview.spans.map((span) => [
        span.original,
        preview.after.slice(span.afterStart, span.afterEnd),
      ]),
    ).toEqual([
      ['张伟', '[NAME]'],
      ['13812345678', '[PHONE]'],
    ]);
    expect(deidentifier.counts().NAME).toBe(0);
  });

  it('leaves types that were not asked for, and dates when told to keep them', () => {
    const deidentifier = new Deidentifier({ types: ['PHONE'], dates: 'keep', names: ['张伟'] });
    expect(deidentifier.text('张伟 2023-04-05 电话13812345678', 'p').text).toBe(
      '张伟 2023-04-05 电话[PHONE]',
    );
    const placeholders = new Deidentifier({ dates: 'placeholder' });
    expect(placeholders.text('入院 2023-04-05', 'p').text).toBe('入院 [DATE]');
  });
});
