import type { QaPair } from '../model/qa';
import type { ExportablePair } from './exportable';
import { hasSystemPrompt, userTurn, type PromptSettings } from './prompt';

export interface ChatLine {
  messages: { role: 'system' | 'user' | 'assistant'; content: string }[];
}

export const defaultSystemPrompt =
  'You are a careful clinical assistant. Answer from the evidence given; say when it is not enough.';

/** One training example in OpenAI's chat fine-tuning format. */
export function toChatLine(pair: QaPair, systemPrompt: string): ChatLine {
  const messages: ChatLine['messages'] = [];
  if (systemPrompt.trim() !== '') messages.push({ role: 'system', content: systemPrompt });
  messages.push({ role: 'user', content: pair.question });
  messages.push({ role: 'assistant', content: pair.answer });
  return { messages };
}

/** JSONL: one object per line, a newline after every line, pairs in the order given. */
export function writeChatJsonl(pairs: readonly QaPair[], systemPrompt: string): string {
  return pairs.map((pair) => JSON.stringify(toChatLine(pair, systemPrompt)) + '\n').join('');
}

/** One training example from a curated pair, with the evidence in the user turn when asked. */
export function chatLineOf(pair: ExportablePair, settings: PromptSettings): ChatLine {
  const messages: ChatLine['messages'] = [];
  if (hasSystemPrompt(settings)) messages.push({ role: 'system', content: settings.systemPrompt });
  messages.push({ role: 'user', content: userTurn(pair, settings) });
  messages.push({ role: 'assistant', content: pair.answer });
  return { messages };
}

/** JSONL, one line at a time, so a writer never holds more than one example. */
export function* chatJsonlLines(
  pairs: Iterable<ExportablePair>,
  settings: PromptSettings,
): Generator<string> {
  for (const pair of pairs) yield JSON.stringify(chatLineOf(pair, settings)) + '\n';
}
