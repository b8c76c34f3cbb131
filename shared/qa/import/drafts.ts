import { IngestError } from '../../ingest/errors';
import type { ImportMode } from '../../ingest/types';
import type { DocumentEvidence, QaDraft, QaTags } from '../../model/qa';
import { normalizeTags, parseDifficulty, parseTagList } from '../tags';
import type { ColumnMapping, DraftColumn } from './columns';
import { mappingProblems } from './columns';
import type { DraftTable } from './table';

export interface DraftImport {
  drafts: QaDraft[];
  /** Lenient mode: rows left out, and why. */
  skipped: { line: number; reason: string }[];
}

/**
 * Drafts from a table and a column mapping, marked imported, each pinned to its file and line.
 * Strict mode stops at the first row without a question or an answer, or with a difficulty it
 * cannot read, naming file and line; lenient mode leaves such rows out with the reason.
 */
export function draftsFromTable(
  table: DraftTable,
  mapping: ColumnMapping,
  mode: ImportMode,
): DraftImport {
  const [problem] = mappingProblems(mapping, table.fields);
  if (problem !== undefined) throw new IngestError(table.fileName, null, problem);
  const result: DraftImport = { drafts: [], skipped: [...table.skipped] };
  for (const { line, values } of table.rows) {
    const read = (column: DraftColumn): string => cellOf(values, mapping[column]);
    const question = read('question');
    const answer = read('answer');
    const difficultyText = read('difficulty');
    const difficulty = difficultyText === '' ? null : parseDifficulty(difficultyText);
    const problem =
      question === ''
        ? 'the question is empty'
        : answer === ''
          ? 'the answer is empty'
          : difficultyText !== '' && difficulty === null
            ? `the difficulty "${difficultyText}" is not easy, medium or hard (简单, 中等, 困难)`
            : null;
    if (problem !== null) {
      if (mode === 'strict') throw new IngestError(table.fileName, line, problem);
      result.skipped.push({ line, reason: problem });
      continue;
    }
    const tags: QaTags = {
      department: read('department'),
      topic: read('topic'),
      free: parseTagList(read('tags')),
    };
    if (difficulty !== null) tags.difficulty = difficulty;
    const draft: QaDraft = {
      question,
      answer,
      evidence: [],
      tags: normalizeTags(tags),
      origin: 'imported',
      importedFrom: { fileName: table.fileName, line },
    };
    const evidence = read('evidence');
    if (evidence !== '') draft.evidence.push(documentOf(evidence, table.fileName, line));
    const context = read('context');
    if (context !== '') draft.context = context;
    const notes = read('notes');
    if (notes !== '') draft.notes = notes;
    const id = read('id');
    if (id !== '') draft.importedFrom = { fileName: table.fileName, line, externalId: id };
    result.drafts.push(draft);
  }
  return result;
}

/**
 * A cell's text. A column chosen by the base name of a flattened JSON array (`tags` for
 * `tags.0`, `tags.1`, …) reads the array's items, separated by semicolons.
 */
function cellOf(values: Record<string, string>, column: string | undefined): string {
  if (column === undefined) return '';
  const value = values[column];
  if (value !== undefined) return value.trim();
  const items: string[] = [];
  for (let index = 0; values[`${column}.${index}`] !== undefined; index++) {
    items.push(values[`${column}.${index}`]!.trim());
  }
  return items.join(';');
}

/** An evidence cell: a link is kept as a link, anything else as the passage quoted. */
function documentOf(text: string, fileName: string, line: number): DocumentEvidence {
  if (/^https?:\/\/\S+$/iu.test(text))
    return { kind: 'document', fileName, line, title: text, url: text };
  return { kind: 'document', fileName, line, title: '', text };
}
