/**
 * Entries for LLaMA-Factory's `dataset_info.json`, in the shape its data/README.md documents:
 * alpaca files map prompt/query/response/system to columns; sharegpt files name the messages
 * column and, for OpenAI-style messages, the role and content keys and role values. The QA table
 * (CSV or Parquet: id, system, question, context, answer, tags) is read the alpaca way, its
 * question as the prompt and its context as the query; LLaMA-Factory picks the loader by the
 * file's extension (json, jsonl, csv, parquet).
 */
import type { SplitName } from './splits';

export type LlamaFactoryFormat = 'alpaca' | 'sharegpt' | 'openai-chat' | 'qa-table';

export interface LlamaFactoryEntry {
  file_name: string;
  formatting?: 'alpaca' | 'sharegpt';
  columns: Record<string, string>;
  tags?: Record<string, string>;
}

export function llamaFactoryEntry(
  format: LlamaFactoryFormat,
  fileName: string,
  hasSystem: boolean,
): LlamaFactoryEntry {
  const system: Record<string, string> = hasSystem ? { system: 'system' } : {};
  switch (format) {
    case 'alpaca':
      return {
        file_name: fileName,
        formatting: 'alpaca',
        columns: { prompt: 'instruction', query: 'input', response: 'output', ...system },
      };
    case 'qa-table':
      return {
        file_name: fileName,
        formatting: 'alpaca',
        columns: { prompt: 'question', query: 'context', response: 'answer', ...system },
      };
    case 'sharegpt':
      return {
        file_name: fileName,
        formatting: 'sharegpt',
        columns: { messages: 'conversations', ...system },
        tags: { role_tag: 'from', content_tag: 'value', user_tag: 'human', assistant_tag: 'gpt' },
      };
    case 'openai-chat':
      return {
        file_name: fileName,
        formatting: 'sharegpt',
        columns: { messages: 'messages' },
        tags: {
          role_tag: 'role',
          content_tag: 'content',
          user_tag: 'user',
          assistant_tag: 'assistant',
          system_tag: 'system',
        },
      };
  }
}

/**
 * The whole `dataset_info.json`: one dataset per split file, named `<name>_<split>`, so a
 * training config can say `dataset: tessera_train` and `eval_dataset: tessera_validation`.
 */
export function llamaFactoryDatasetInfo(
  name: string,
  format: LlamaFactoryFormat,
  files: readonly { split: SplitName; fileName: string }[],
  hasSystem: boolean,
): string {
  const info: Record<string, LlamaFactoryEntry> = {};
  for (const { split, fileName } of files)
    info[`${name}_${split}`] = llamaFactoryEntry(format, fileName, hasSystem);
  return JSON.stringify(info, null, 2) + '\n';
}
