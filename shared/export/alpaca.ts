/**
 * Alpaca, as LLaMA-Factory reads it: `instruction` (the question), `input` (the evidence, or ''),
 * `output` (the answer) and `system` when there is a system prompt. Written as JSON Lines, which
 * LLaMA-Factory and Hugging Face `datasets` load like a JSON array.
 */
import type { ExportablePair } from './exportable';
import { contextOf, hasSystemPrompt, type PromptSettings } from './prompt';

export interface AlpacaLine {
  instruction: string;
  input: string;
  output: string;
  system?: string;
}

export function alpacaLineOf(pair: ExportablePair, settings: PromptSettings): AlpacaLine {
  const line: AlpacaLine = {
    instruction: pair.question,
    input: contextOf(pair, settings),
    output: pair.answer,
  };
  if (hasSystemPrompt(settings)) line.system = settings.systemPrompt;
  return line;
}

export function* alpacaJsonlLines(
  pairs: Iterable<ExportablePair>,
  settings: PromptSettings,
): Generator<string> {
  for (const pair of pairs) yield JSON.stringify(alpacaLineOf(pair, settings)) + '\n';
}
