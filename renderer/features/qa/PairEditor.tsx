import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { tagsOf, type QaPair } from '../../../shared/model/qa';
import { parseTagList } from '../../../shared/qa/tags';
import type { QaEdit } from '../../../shared/qa/versions';
import { TagFields, type TagValues } from './TagFields';

interface PairEditorProps {
  pair: QaPair;
  saveLabel: string;
  onSave: (edit: QaEdit) => void;
  onCancel: () => void;
}

/** Question, answer, tags and notes of a stored pair; Ctrl+Enter saves, Escape cancels. */
export function PairEditor({ pair, saveLabel, onSave, onCancel }: PairEditorProps) {
  const { t } = useTranslation();
  const tags = tagsOf(pair);
  const [question, setQuestion] = useState(pair.question);
  const [answer, setAnswer] = useState(pair.answer);
  const [notes, setNotes] = useState(pair.notes ?? '');
  const [tagValues, setTagValues] = useState<TagValues>({
    department: tags.department ?? '',
    topic: tags.topic ?? '',
    difficulty: tags.difficulty ?? '',
    tagText: tags.free.join(', '),
  });

  function save() {
    onSave({
      question,
      answer,
      notes,
      tags: {
        department: tagValues.department,
        topic: tagValues.topic,
        ...(tagValues.difficulty === '' ? {} : { difficulty: tagValues.difficulty }),
        free: parseTagList(tagValues.tagText),
      },
    });
  }

  function key(event: KeyboardEvent) {
    // Keys typed here are text, not the review screen's shortcuts.
    event.stopPropagation();
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      save();
    }
    if (event.key === 'Escape') onCancel();
  }

  return (
    <div className="form pair-editor" onKeyDown={key} role="group" aria-label={t('qa.edit.title')}>
      <label>
        {t('qa.question')}
        <textarea
          autoFocus
          value={question}
          rows={3}
          onChange={(event) => setQuestion(event.target.value)}
        />
      </label>
      <label>
        {t('qa.answer')}
        <textarea value={answer} rows={4} onChange={(event) => setAnswer(event.target.value)} />
      </label>
      <TagFields
        {...tagValues}
        known={{ departments: [], topics: [] }}
        onChange={(change) => setTagValues({ ...tagValues, ...change })}
      />
      <label>
        {t('qa.notes')}
        <textarea value={notes} rows={2} onChange={(event) => setNotes(event.target.value)} />
      </label>
      <div className="buttons">
        <button type="button" className="primary" onClick={save}>
          {saveLabel}
        </button>
        <button type="button" onClick={onCancel}>
          {t('qa.edit.cancel')}
        </button>
      </div>
      <p className="hint">{t('qa.edit.keys')}</p>
    </div>
  );
}
