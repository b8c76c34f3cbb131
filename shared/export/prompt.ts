/**
 * How a pair becomes a training example: the system prompt, and whether the cited evidence goes
 * into the user turn as context (so the model learns to answer from the record, as the expert
 * did) or is left out (so it learns the answer itself).
 */
import type { ExportEvidence, ExportablePair } from './exportable';

export interface PromptSettings {
  /** Empty: no system message or column value. */
  systemPrompt: string;
  includeEvidence: boolean;
}

export const defaultPromptSettings: PromptSettings = { systemPrompt: '', includeEvidence: false };

/**
 * One line per cited record: "[ADMISSIONS.csv, row 3] SUBJECT_ID: 10006; DIAGNOSIS: SEPSIS".
 * Rows are shown 1-based, as a person counts them.
 */
export function evidenceContext(evidence: readonly ExportEvidence[]): string {
  return evidence
    .map((item) => {
      const fields = Object.entries(item.fields)
        .map(([name, value]) => `${name}: ${value}`)
        .join('; ');
      return `[${item.label ?? `${item.sourceName}, row ${item.row + 1}`}] ${fields}`;
    })
    .join('\n');
}

/**
 * The context a pair carries into its example: its own passage when it has one, then the cited
 * evidence when asked for; '' when there is neither.
 */
export function contextOf(pair: ExportablePair, settings: PromptSettings): string {
  const parts: string[] = [];
  if (pair.context !== undefined && pair.context.trim() !== '') parts.push(pair.context);
  if (settings.includeEvidence && pair.evidence.length > 0)
    parts.push(evidenceContext(pair.evidence));
  return parts.join('\n\n');
}

/** The user turn: the evidence (when given), a blank line, then the question. */
export function userTurn(pair: ExportablePair, settings: PromptSettings): string {
  const context = contextOf(pair, settings);
  return context === '' ? pair.question : `${context}\n\n${pair.question}`;
}

export function hasSystemPrompt(settings: PromptSettings): boolean {
  return settings.systemPrompt.trim() !== '';
}
