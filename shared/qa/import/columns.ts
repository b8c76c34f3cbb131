/**
 * The column-mapping step of a draft import: which column of the file holds the question, the
 * answer and the rest. Guessed from the column names, then shown for the person to correct, as in
 * the records import.
 */

export const draftColumns = [
  'question',
  'answer',
  'context',
  'evidence',
  'tags',
  'department',
  'topic',
  'difficulty',
  'notes',
  'id',
] as const;
export type DraftColumn = (typeof draftColumns)[number];

/** Draft column → the file's column that holds it. */
export type ColumnMapping = Partial<Record<DraftColumn, string>>;

/**
 * Names each draft column is known by, best first, compared without case, spaces, underscores,
 * hyphens or dots. Includes Alpaca's instruction/input/output and MedQuAD's qtype and focus.
 */
const knownNames: Record<DraftColumn, readonly string[]> = {
  question: [
    'question',
    'q',
    'query',
    'prompt',
    'instruction',
    '问题',
    '提问',
    '问',
    '题目',
    '问句',
  ],
  answer: [
    'answer',
    'a',
    'response',
    'reply',
    'output',
    'completion',
    '答案',
    '回答',
    '答',
    '回复',
  ],
  context: ['context', 'passage', 'background', 'input', '上下文', '背景', '语境', '参考资料'],
  evidence: ['evidence', 'reference', 'citation', 'url', 'source', '证据', '依据', '来源', '出处'],
  tags: ['tags', 'tag', 'labels', 'label', 'keywords', 'qtype', 'questiontype', '标签', '关键词'],
  department: ['department', 'dept', 'ward', 'specialty', '科室', '部门', '专科'],
  topic: ['topic', 'subject', 'category', 'focus', '主题', '类别', '话题', '分类'],
  difficulty: ['difficulty', 'level', '难度', '难易度', '难易程度'],
  notes: ['notes', 'note', 'comment', 'comments', 'remark', 'remarks', '备注', '注释', '说明'],
  id: ['id', 'qid', 'questionid', 'uid', '编号', '序号', 'ID号'],
};

export function foldColumnName(name: string): string {
  return name.toLowerCase().replace(/[\s_.-]+/gu, '');
}

/**
 * The columns a mapping may choose from: the file's own, plus the base name of flattened JSON
 * arrays (`tags.0`, `tags.1` → `tags`), whose items are read as one list.
 */
export function mappableColumns(fields: readonly string[]): string[] {
  const columns = [...fields];
  for (const field of fields) {
    const match = /^(.+)\.0$/u.exec(field);
    if (match?.[1] !== undefined && !columns.includes(match[1])) columns.push(match[1]);
  }
  return columns;
}

/** The best guess of each draft column's source; a file column is used for one draft column. */
export function detectColumns(fields: readonly string[]): ColumnMapping {
  const columns = mappableColumns(fields);
  const byFolded = new Map<string, string>();
  for (const column of columns) {
    const folded = foldColumnName(column);
    if (!byFolded.has(folded)) byFolded.set(folded, column);
  }
  const mapping: ColumnMapping = {};
  const taken = new Set<string>();
  for (const draftColumn of draftColumns) {
    for (const name of knownNames[draftColumn]) {
      const column = byFolded.get(foldColumnName(name));
      if (column !== undefined && !taken.has(column)) {
        mapping[draftColumn] = column;
        taken.add(column);
        break;
      }
    }
  }
  return mapping;
}

/** What keeps a mapping from being used, in sentences; empty when it is complete. */
export function mappingProblems(mapping: ColumnMapping, fields: readonly string[]): string[] {
  const problems: string[] = [];
  const columns = new Set(mappableColumns(fields));
  if (mapping.question === undefined) problems.push('Choose the column that holds the question.');
  if (mapping.answer === undefined) problems.push('Choose the column that holds the answer.');
  for (const draftColumn of draftColumns) {
    const column = mapping[draftColumn];
    if (column !== undefined && !columns.has(column)) {
      problems.push(`The file has no column "${column}" (chosen for ${draftColumn}).`);
    }
  }
  if (mapping.question !== undefined && mapping.question === mapping.answer) {
    problems.push(`"${mapping.question}" cannot be both the question and the answer.`);
  }
  return problems;
}
