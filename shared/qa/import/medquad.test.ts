import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failureOf } from '../../ingest/test-support';
import { importDraftFile } from './file';
import { parseMedquad } from './medquad';

const folder = 'test/fixtures/qa/medquad';
const files = [
  '1_CancerGov_QA/0000001_1.xml',
  '2_GARD_QA/0000010.xml',
  '3_GHR_QA/0000001.xml',
  '4_MPlus_Health_Topics_QA/0000003.xml',
  '9_CDC_QA/0000030.xml',
];

interface TruthLine {
  id: string;
  question: string;
  answer: string;
  qtype: string;
  focus: string;
  source: string;
  url: string;
  file: string;
}
/** The maintainers' flattening of the same XML files, made with a different XML reader. */
const truth = readFileSync(`${folder}/medquad_sample_qa_pairs.subset.jsonl`, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as TruthLine);

describe('parseMedquad on the MedQuAD sample', () => {
  for (const file of files) {
    it(`${file}: every QAPair, as the maintainers' flattening has it`, () => {
      const text = readFileSync(`${folder}/${file}`, 'utf8');
      const { drafts, skipped } = parseMedquad(text, file, 'strict');
      const expected = truth.filter((line) => line.file === file);
      expect(skipped).toEqual([]);
      expect(drafts.map((draft) => draft.importedFrom?.externalId)).toEqual(
        expected.map((line) => line.id),
      );
      expect(drafts.map((draft) => [draft.question, draft.answer])).toEqual(
        expected.map((line) => [line.question, line.answer]),
      );
      expect(drafts.map((draft) => draft.tags)).toEqual(
        expected.map((line) => ({ topic: line.focus, free: [line.qtype] })),
      );
      expect(drafts.map((draft) => draft.evidence)).toEqual(
        expected.map((line, index) => [
          {
            kind: 'document',
            fileName: file,
            line: drafts[index]!.importedFrom!.line,
            title: line.focus,
            url: line.url,
            publisher: line.source,
          },
        ]),
      );
    });
  }

  it('pins each pair to the line its <QAPair> starts on', () => {
    const file = '9_CDC_QA/0000030.xml';
    const { drafts } = parseMedquad(readFileSync(`${folder}/${file}`, 'utf8'), file, 'strict');
    expect(drafts.map((draft) => draft.importedFrom?.line)).toEqual([10, 14, 21, 25, 31]);
    const gard = parseMedquad(
      readFileSync(`${folder}/2_GARD_QA/0000010.xml`, 'utf8'),
      'g.xml',
      'strict',
    );
    expect(gard.drafts[0]).toMatchObject({
      question: 'What is (are) Aberrant subclavian artery ?',
      origin: 'imported',
      importedFrom: { fileName: 'g.xml', line: 21, externalId: '0000010-1' },
    });
  });

  it('is what importDraftFile gives for an .xml file', () => {
    const file = '3_GHR_QA/0000001.xml';
    const bytes = new Uint8Array(readFileSync(`${folder}/${file}`));
    const result = importDraftFile('0000001.xml', bytes, 'strict');
    expect(result).toMatchObject({ format: 'medquad-xml', fields: [], mapping: null });
    expect(result.drafts).toHaveLength(truth.filter((line) => line.file === file).length);
  });
});

const emptyAnswer = `<?xml version="1.0" encoding="UTF-8"?>
<Document id="0000001" source="ADAM" url="https://medlineplus.gov/ency/article/000001.htm">
<Focus>Example</Focus>
<QAPairs>
<QAPair pid="1"><Question qid="0000001-1" qtype="information">What is Example?</Question><Answer>Example is a test.</Answer></QAPair>
<QAPair pid="2"><Question qid="0000001-2" qtype="symptoms">What are the symptoms of Example?</Question><Answer></Answer></QAPair>
</QAPairs>
</Document>`;

describe('parseMedquad on bad input', () => {
  it('refuses a pair without an answer in strict mode, and leaves it out in lenient mode', () => {
    expect(failureOf(() => parseMedquad(emptyAnswer, 'adam.xml', 'strict')).message).toBe(
      'adam.xml, line 6: QAPair 2 has no answer (MedQuAD removed some for copyright)',
    );
    const { drafts, skipped } = parseMedquad(emptyAnswer, 'adam.xml', 'lenient');
    expect(drafts.map((draft) => draft.question)).toEqual(['What is Example?']);
    expect(skipped).toEqual([
      { line: 6, reason: 'QAPair 2 has no answer (MedQuAD removed some for copyright)' },
    ]);
  });

  it('names the line where the XML breaks', () => {
    const broken = emptyAnswer.replace('</Question><Answer>Example', '</Questio><Answer>Example');
    const error = failureOf(() => parseMedquad(broken, 'broken.xml', 'lenient'));
    expect(error.line).toBe(5);
    expect(error.reason).toMatch(/^is not well-formed XML: /);
  });

  it('refuses XML that is not a MedQuAD document', () => {
    const error = failureOf(() => parseMedquad('<Bundle><entry/></Bundle>', 'fhir.xml', 'strict'));
    expect(error.message).toBe(
      'fhir.xml: is not a MedQuAD document: its root is <Bundle>, not <Document>',
    );
  });

  it('decodes entity and numeric character references once', () => {
    const text = `<Document><Focus>F</Focus><QAPairs><QAPair><Question qid="1">a &amp;lt; b, &#x4E2D;&#25991; &#x1F600; &lt;i&gt;</Question><Answer>&quot;x&apos;</Answer></QAPair></QAPairs></Document>`;
    expect(parseMedquad(text, 'e.xml', 'strict').drafts[0]).toMatchObject({
      question: 'a &lt; b, 中文 😀 <i>',
      answer: '"x\'',
    });
  });

  it('reads a document without pairs as no drafts', () => {
    const text =
      '<Document id="1" source="GARD" url="u"><Focus>F</Focus><QAPairs></QAPairs></Document>';
    expect(parseMedquad(text, 'none.xml', 'strict')).toEqual({ drafts: [], skipped: [] });
  });
});

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** XML 1.0 allows tab, newline and characters from U+0020 on (carriage returns are normalized). */
function isXmlCharacter(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (code >= 0x20 || char === '\t' || char === '\n') && code !== 0xfffe && code !== 0xffff;
}
const xmlText = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
  .map((text) => [...text].filter(isXmlCharacter).join(''))
  .filter((text) => text.trim() !== '');

describe('MedQuAD round trip', () => {
  it('any questions and answers written as MedQuAD XML are read back, each at its line', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(xmlText, xmlText, fc.nat({ max: 2 })), { minLength: 1, maxLength: 5 }),
        (pairs) => {
          const lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<Document id="9" source="S" url="https://x.test/">',
            '<Focus>F &amp; G</Focus>',
            '<QAPairs>',
          ];
          const expectedLines: number[] = [];
          pairs.forEach(([question, answer, blankLines], index) => {
            for (let blank = 0; blank < blankLines; blank++) lines.push('');
            expectedLines.push(lines.length + 1);
            lines.push(
              `<QAPair pid="${index + 1}"><Question qid="9-${index + 1}" qtype="t">${escapeXml(question)}</Question>`,
              `<Answer>${escapeXml(answer)}</Answer></QAPair>`,
            );
          });
          lines.push('</QAPairs>', '</Document>');
          const { drafts } = parseMedquad(lines.join('\n'), 'round.xml', 'strict');
          expect(drafts.map((draft) => [draft.question, draft.answer])).toEqual(
            pairs.map(([question, answer]) => [question.trim(), answer.trim()]),
          );
          expect(drafts.map((draft) => draft.importedFrom?.line)).toEqual(expectedLines);
          expect(drafts[0]!.tags.topic).toBe('F & G');
        },
      ),
    );
  });
});
