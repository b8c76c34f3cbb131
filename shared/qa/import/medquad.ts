import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { IngestError } from '../../ingest/errors';
import type { ImportMode } from '../../ingest/types';
import type { DocumentEvidence, QaDraft } from '../../model/qa';
import { normalizeTags } from '../tags';
import type { DraftImport } from './drafts';

/**
 * MedQuAD's XML (Ben Abacha & Demner-Fushman, 2019): one <Document id source url> per focus
 * (a disease, drug or test), with <Focus> and <QAPairs> of <QAPair pid> holding
 * <Question qid qtype> and <Answer>. Each pair becomes a draft about the focus, tagged with its
 * question type, citing the document's page, pinned to the line of its <QAPair>.
 *
 * MedQuAD removed the answers of three MedlinePlus subsets (A.D.A.M., drugs, herbs) for
 * copyright; such pairs have an empty <Answer> and are refused (strict) or left out (lenient).
 */
export function parseMedquad(text: string, fileName: string, mode: ImportMode): DraftImport {
  // The parser accepts some malformed XML silently; the validator says where it breaks.
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { line, msg } = validation.err;
    throw new IngestError(fileName, line, `is not well-formed XML: ${msg}`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    captureMetaData: true,
    // Also decodes numeric character references (&#20013;), which are plain XML.
    htmlEntities: true,
    isArray: (name) => name === 'QAPair',
  });
  const root: unknown = parser.parse(text);
  const document = childOf(root, 'Document');
  if (!isElement(document)) {
    const found = isElement(root)
      ? Object.keys(root).find((key) => !key.startsWith('?'))
      : undefined;
    throw new IngestError(
      fileName,
      null,
      `is not a MedQuAD document: its root is <${found ?? 'nothing'}>, not <Document>`,
    );
  }
  const focus = textOf(childOf(document, 'Focus'));
  const url = attributeOf(document, 'url');
  const publisher = attributeOf(document, 'source');
  const pairs = childOf(childOf(document, 'QAPairs'), 'QAPair');
  const lines = lineStarts(text);
  // Typed as the Symbol wrapper; where symbols are missing it is a property name instead.
  const metadataKey: unknown = XMLParser.getMetaDataSymbol();

  const result: DraftImport = { drafts: [], skipped: [] };
  (Array.isArray(pairs) ? (pairs as unknown[]) : []).forEach((pair, index) => {
    const line = lineAt(lines, startOf(pair, metadataKey));
    const questionNode = childOf(pair, 'Question');
    const question = textOf(questionNode);
    const answer = textOf(childOf(pair, 'Answer'));
    const problem =
      question === ''
        ? 'has no question'
        : answer === ''
          ? 'has no answer (MedQuAD removed some for copyright)'
          : null;
    if (problem !== null) {
      const reason = `QAPair ${index + 1} ${problem}`;
      if (mode === 'strict') throw new IngestError(fileName, line, reason);
      result.skipped.push({ line, reason });
      return;
    }
    const qtype = attributeOf(questionNode, 'qtype');
    const qid = attributeOf(questionNode, 'qid');
    const evidence: DocumentEvidence = { kind: 'document', fileName, line, title: focus };
    if (url !== '') evidence.url = url;
    if (publisher !== '') evidence.publisher = publisher;
    const draft: QaDraft = {
      question,
      answer,
      evidence: [evidence],
      tags: normalizeTags({ topic: focus, free: qtype === '' ? [] : [qtype] }),
      origin: 'imported',
      importedFrom: qid === '' ? { fileName, line } : { fileName, line, externalId: qid },
    };
    result.drafts.push(draft);
  });
  return result;
}

function isElement(node: unknown): node is Record<string, unknown> {
  return node !== null && typeof node === 'object' && !Array.isArray(node);
}

function childOf(node: unknown, name: string): unknown {
  return isElement(node) ? node[name] : undefined;
}

/** An element's text: the parser gives a bare string, or `#text` beside attributes. */
function textOf(node: unknown): string {
  if (typeof node === 'string') return node.trim();
  const text = childOf(node, '#text');
  return typeof text === 'string' ? text.trim() : '';
}

function attributeOf(node: unknown, name: string): string {
  const value = childOf(node, `@_${name}`);
  return typeof value === 'string' ? value.trim() : '';
}

function startOf(node: unknown, key: unknown): number {
  if (!isElement(node) || (typeof key !== 'symbol' && typeof key !== 'string')) return 0;
  const meta: unknown = (node as Record<PropertyKey, unknown>)[key];
  const start = isElement(meta) ? meta.startIndex : undefined;
  return typeof start === 'number' ? start : 0;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    starts.push(index + 1);
  }
  return starts;
}

/** 1-based line of an offset, by binary search over the line starts. */
function lineAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}
