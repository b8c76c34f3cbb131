/**
 * ShareGPT, as LLaMA-Factory reads it: `conversations` of `{ from, value }` turns, human first
 * then gpt, and the system prompt in its own `system` column rather than as a turn.
 */
import type { ExportablePair } from './exportable';
import { hasSystemPrompt, userTurn, type PromptSettings } from './prompt';

export interface ShareGptLine {
  conversations: { from: 'human' | 'gpt'; value: string }[];
  system?: string;
}

export function shareGptLineOf(pair: ExportablePair, settings: PromptSettings): ShareGptLine {
  const line: ShareGptLine = {
    conversations: [
      { from: 'human', value: userTurn(pair, settings) },
      { from: 'gpt', value: pair.answer },
    ],
  };
  if (hasSystemPrompt(settings)) line.system = settings.systemPrompt;
  return line;
}

export function* shareGptJsonlLines(
  pairs: Iterable<ExportablePair>,
  settings: PromptSettings,
): Generator<string> {
  for (const pair of pairs) yield JSON.stringify(shareGptLineOf(pair, settings)) + '\n';
}
