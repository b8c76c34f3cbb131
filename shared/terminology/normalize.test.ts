import fc from 'fast-check';
import { Converter } from 'opencc-js/cn2t';
import { describe, expect, it } from 'vitest';
import { foldKey, labelKey, normalizeLabel } from './normalize';
import { starterDictionaries } from './starter';
import { unitFamily, unitFit, unitKey, quantityShape } from './units';
import { canonicalWord, specimenOfWords, specimensOf, wordsOf } from './words';

const toTraditional = Converter({ from: 'cn', to: 'tw' });

/** ASCII letters, digits and punctuation written in their full-width forms (U+FF01…U+FF5E). */
function fullWidth(text: string): string {
  return text.replace(/[!-~]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));
}

const labelWord = fc.stringMatching(/^[A-Za-z][a-z]{1,9}$/);
const label = fc.array(labelWord, { minLength: 1, maxLength: 4 }).map((words) => words.join(' '));
const unit = fc.constantFrom('g/L', 'mg/dL', 'mmol/L', 'U/L', '10^9/L', '%', 'μmol/L', 'fL', 'pg');

describe('foldKey', () => {
  it('is idempotent on any text, Chinese and full-width included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => {
        const once = foldKey(text);
        expect(foldKey(once)).toBe(once);
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...starterNamesZh()), fc.string({ maxLength: 6 }), (zh, rest) => {
        const once = foldKey(toTraditional(zh) + rest);
        expect(foldKey(once)).toBe(once);
      }),
    );
  });

  it('folds full-width letters, digits and punctuation to half-width', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        expect(foldKey(fullWidth(text))).toBe(foldKey(text));
      }),
    );
    expect(foldKey('ＨＧＢ（ｇ／Ｌ）')).toBe('hgb(g l)');
  });

  it('folds traditional Chinese to simplified: every shipped Chinese name', () => {
    fc.assert(
      fc.property(fc.constantFrom(...starterNamesZh()), (zh) => {
        expect(foldKey(toTraditional(zh))).toBe(foldKey(zh));
      }),
    );
    expect(foldKey('血紅蛋白')).toBe('血红蛋白');
    expect(foldKey('鹼性磷酸酶')).toBe('碱性磷酸酶');
  });

  it('folds case, separators and spacing', () => {
    expect(foldKey('  Alanine_Aminotransferase--(ALT) ')).toBe('alanine aminotransferase (alt)');
    expect(foldKey('谷丙转氨酶、ALT')).toBe('谷丙转氨酶 alt');
  });
});

describe('normalizeLabel', () => {
  it('splits off a trailing unit in any bracket, or after a comma', () => {
    fc.assert(
      fc.property(
        label,
        unit,
        fc.constantFrom('(#)', ' (#)', ' [#]', '（#）', ', #'),
        (text, u, form) => {
          if (form === ', #' && !u.includes('/')) return;
          expect(normalizeLabel(text + form.replace('#', u))).toEqual({
            key: foldKey(text),
            unit: u,
          });
        },
      ),
    );
    expect(normalizeLabel('Glucose mg/dL')).toEqual({ key: 'glucose', unit: 'mg/dL' });
  });

  it('keeps a bracket that is not a unit aside as a note, and short glued ones in the key', () => {
    expect(normalizeLabel('Alanine Aminotransferase (ALT)')).toEqual({
      key: 'alanine aminotransferase',
      unit: null,
      note: 'ALT',
    });
    expect(normalizeLabel('谷丙转氨酶（ALT）(U/L)')).toEqual({
      key: '谷丙转氨酶',
      unit: 'U/L',
      note: 'ALT',
    });
    expect(labelKey('Lp(a)')).toBe('lp(a)');
    expect(labelKey('BUN/Cr')).toBe('bun cr');
    expect(normalizeLabel('D-dimer (FEU)').unit).toBeNull();
  });
});

describe('words', () => {
  it('spells words one way: singular, American, Greek letters named', () => {
    expect(canonicalWord('haemoglobins')).toBe('hemoglobin');
    expect(canonicalWord('antibodies')).toBe('antibody');
    expect(canonicalWord('oestradiol')).toBe('estradiol');
    expect(canonicalWord('status')).toBe('status');
    expect(wordsOf('γ-GT').map((word) => word.text)).toEqual(['gamma', 'gt']);
    expect(wordsOf('24 hr Protein').map((word) => word.text)).toEqual(['24', 'hour', 'protein']);
  });

  it('marks specimen words, in English and Chinese', () => {
    expect(specimenOfWords(wordsOf('Chloride, Whole Blood'))).toBe('whole blood');
    expect(specimenOfWords(wordsOf('Potassium, Urine'))).toBe('urine');
    expect(specimenOfWords(wordsOf('血清钠'))).toBe('serum');
    expect(specimenOfWords(wordsOf('尿素'))).toBeNull();
    expect([...specimensOf('Serum/Plasma')]).toEqual(['serum', 'plasma']);
    expect([...specimensOf('Blood')]).toEqual(['whole blood']);
  });
});

describe('units', () => {
  it('reads what kind of quantity a unit measures', () => {
    expect(unitFamily('g/dL')).toBe('mass concentration');
    expect(unitFamily('mmol/L')).toBe('substance concentration');
    expect(unitFamily('IU/L')).toBe('units per volume');
    expect(unitFamily('×10⁹/L')).toBe('number concentration');
    expect(unitFamily('K/µL')).toBe('number concentration');
    // UCUM, as HL7 OBX-6 carries it.
    expect(unitFamily('10*9/L')).toBe('number concentration');
    expect(unitKey('10*12/L')).toBe(unitKey('×10¹²/L'));
    expect(unitFamily('%')).toBe('fraction');
    expect(unitFamily('mOsm/kg')).toBe('osmolality');
    expect(unitFamily('mL/min/1.73m2')).toBe('rate');
    expect(unitFamily('ALT')).toBeNull();
  });

  it('says whether a unit fits a term', () => {
    const hemoglobin = quantityShape({ units: ['g/L', 'g/dL'], property: 'MCnc' });
    expect(unitFit('g/L', hemoglobin)).toBe('same unit');
    expect(unitFit('mg/dL', hemoglobin)).toBe('same kind');
    expect(unitFit('%', hemoglobin)).toBe('conflict');
    expect(unitFit('g/L', quantityShape({ units: [], property: 'PrThr' }))).toBe('conflict');
    expect(unitFit('g/L', quantityShape({ units: [] }))).toBe('unknown');
  });
});

function starterNamesZh(): string[] {
  return starterDictionaries.flatMap((dictionary) =>
    dictionary.terms.map((term) => term.nameZh).filter((name) => name !== ''),
  );
}
