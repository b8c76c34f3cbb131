import type { DiffPart } from '../../../shared/qa/text-diff';

/** A text diff as the reader sees it: removed runs struck through, added ones underlined. */
export function DiffText({ parts }: { parts: readonly DiffPart[] }) {
  return (
    <span className="diff">
      {parts.map((part, index) =>
        part.op === 'insert' ? (
          <ins key={index}>{part.text}</ins>
        ) : part.op === 'delete' ? (
          <del key={index}>{part.text}</del>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </span>
  );
}
