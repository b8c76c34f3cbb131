import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { reviewReasons, type ReviewReason } from '../../../shared/qa/reasons';
import { decisionProblems } from '../../../shared/qa/review-rules';

interface ReasonPickerProps {
  decision: 'reject' | 'request-changes';
  onConfirm: (comment: string, reasonCode?: ReviewReason) => void;
  onCancel: () => void;
}

/**
 * Why a pair is rejected or sent back: a reason picked with its number, a comment typed, or both.
 * Enter confirms, Escape goes back to the pair.
 */
export function ReasonPicker({ decision, onConfirm, onCancel }: ReasonPickerProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<ReviewReason | null>(null);
  const [comment, setComment] = useState('');
  const group = useRef<HTMLDivElement>(null);
  // The group takes the focus when it opens, so that the number keys pick at once.
  useEffect(() => group.current?.focus(), []);
  const isReady = decisionProblems(decision, comment, reason ?? undefined).length === 0;

  function confirm() {
    if (isReady) onConfirm(comment, reason ?? undefined);
  }

  function key(event: KeyboardEvent) {
    event.stopPropagation();
    const isTyping = event.target instanceof HTMLInputElement;
    const picked = isTyping ? undefined : reviewReasons[Number(event.key) - 1];
    if (picked !== undefined) {
      event.preventDefault();
      setReason(picked === reason ? null : picked);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      confirm();
    } else if (event.key === 'Escape') {
      onCancel();
    }
  }

  return (
    <div
      ref={group}
      className="reason-picker"
      role="group"
      aria-label={t(`review.reasonFor.${decision}`)}
      tabIndex={-1}
      onKeyDown={key}
    >
      <p className="hint">{t('review.reasonHint')}</p>
      <ol>
        {reviewReasons.map((code, index) => (
          <li key={code}>
            <button
              type="button"
              aria-pressed={reason === code}
              onClick={() => setReason(reason === code ? null : code)}
            >
              <kbd aria-hidden="true">{index + 1}</kbd> {t(`qa.reason.${code}`)}
            </button>
          </li>
        ))}
      </ol>
      <label>
        {t('review.comment')}
        <input value={comment} onChange={(event) => setComment(event.target.value)} />
      </label>
      <div className="buttons">
        <button type="button" className="primary" disabled={!isReady} onClick={confirm}>
          {t(`review.confirm.${decision}`)}
        </button>
        <button type="button" onClick={onCancel}>
          {t('qa.edit.cancel')}
        </button>
      </div>
    </div>
  );
}
