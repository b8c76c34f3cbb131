import { useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import type { OcrCorrection, ScanPage } from '../../../shared/model/scans';
import {
  correctedText,
  reviewedWords,
  sameMisreadings,
  wordsToReview,
  type ReviewedWord,
} from '../../../shared/ocr/corrections';
import { isAllowed } from '../../../shared/model/permissions';
import { useServices } from '../../app/services';
import { decideWords, listCorrections, undoDecision, useLive, type WordRef } from '../../db';
import { clampZoom, fitView, PageCanvas, type View } from './PageCanvas';

interface PageReviewProps {
  page: ScanPage;
  /** Every OCR'd page of the project with its decisions: the batch a correction can apply to. */
  batch: readonly { page: ScanPage; corrections: readonly OcrCorrection[] }[];
  profile: Profile;
}

interface Offer {
  engineText: string;
  text: string;
  refs: WordRef[];
}

/**
 * Keyboard-first review of one page: N/P move between low-confidence words, Enter corrects in
 * place, A accepts, Z undoes, + − 0 zoom, arrows pan.
 */
export function PageReview({ page, batch, profile }: PageReviewProps) {
  const { t } = useTranslation();
  const { db } = useServices();
  const actor = { id: profile.id, name: profile.name };
  const canEdit = isAllowed(profile.role, 'source:import');
  const corrections = useLive(() => listCorrections(db, { pageId: page.id }), [db, page.id]);
  const words = useMemo(
    () => reviewedWords(page.ocr?.words ?? [], corrections ?? []),
    [page.ocr, corrections],
  );
  const queue = useMemo(() => wordsToReview(words), [words]);
  const [selected, setSelected] = useState<number | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [view, setView] = useState<View>(fitView);
  const [offer, setOffer] = useState<Offer | null>(null);
  const current = selected === null ? undefined : words[selected];

  function step(direction: 1 | -1) {
    if (queue.length === 0) return;
    const position = queue.findIndex((word) => word.index === selected);
    const next =
      position === -1
        ? direction === 1
          ? (queue.find((word) => selected === null || word.index > selected) ?? queue[0])
          : queue.at(-1)
        : queue[(position + direction + queue.length) % queue.length];
    if (next) setSelected(next.index);
  }

  function refOf(target: ScanPage, word: ReviewedWord): WordRef {
    return {
      page: target,
      wordIndex: word.index,
      engineText: word.engineText,
      bbox: word.bbox,
      confidence: word.confidence,
    };
  }

  async function decide(word: ReviewedWord, text: string) {
    await decideWords(db, actor, [refOf(page, word)], text);
    const ahead = queue.find(
      (candidate) => candidate.index > word.index && candidate.index !== word.index,
    );
    setSelected(ahead?.index ?? null);
    if (text === word.engineText) return;
    const elsewhere = sameMisreadings(
      batch.map((entry) => ({
        page: entry.page,
        words: reviewedWords(entry.page.ocr?.words ?? [], entry.corrections),
      })),
      word.engineText,
    ).filter((found) => !(found.page.page.id === page.id && found.word.index === word.index));
    setOffer(
      elsewhere.length === 0
        ? null
        : {
            engineText: word.engineText,
            text,
            refs: elsewhere.map((found) => refOf(found.page.page, found.word)),
          },
    );
  }

  async function undo() {
    const last = corrections?.at(-1);
    if (last === undefined) return;
    await undoDecision(db, actor, last.id);
    setSelected(last.wordIndex);
  }

  function key(event: KeyboardEvent) {
    if (editing !== null) return;
    const pan = 60;
    const actions: Record<string, () => void> = {
      n: () => step(1),
      p: () => step(-1),
      Enter: () => current && canEdit && setEditing(current.text),
      a: () => current && canEdit && void decide(current, current.engineText),
      z: () => canEdit && void undo(),
      '+': () => setView({ ...view, zoom: clampZoom(view.zoom * 1.25) }),
      '=': () => setView({ ...view, zoom: clampZoom(view.zoom * 1.25) }),
      '-': () => setView({ ...view, zoom: clampZoom(view.zoom / 1.25) }),
      '0': () => setView(fitView),
      ArrowLeft: () => setView({ ...view, x: view.x + pan }),
      ArrowRight: () => setView({ ...view, x: view.x - pan }),
      ArrowUp: () => setView({ ...view, y: view.y + pan }),
      ArrowDown: () => setView({ ...view, y: view.y - pan }),
    };
    const action = actions[event.key];
    if (action === undefined || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    action();
  }

  if (page.ocr === null) return <p className="hint">{t('scans.notRead')}</p>;

  return (
    <div className="page-review">
      <div
        className="page-pane"
        tabIndex={0}
        onKeyDown={key}
        aria-label={t('scans.pageLabel', { page: page.page })}
        data-testid="page-review"
      >
        <PageCanvas
          image={page.image}
          width={page.width}
          height={page.height}
          words={words}
          selected={selected}
          onSelect={setSelected}
          view={view}
          onView={setView}
        >
          {current && editing !== null && (
            <input
              className="word-editor"
              aria-label={t('scans.correctWord', { word: current.engineText })}
              autoFocus
              value={editing}
              style={boxStyle(current.bbox, page.width, page.height)}
              onChange={(event) => setEditing(event.target.value)}
              onKeyDown={(event) => {
                event.stopPropagation();
                if (event.key === 'Enter') {
                  const text = editing.trim();
                  setEditing(null);
                  void decide(current, text);
                  event.currentTarget.closest<HTMLElement>('.page-pane')?.focus();
                }
                if (event.key === 'Escape') {
                  setEditing(null);
                  event.currentTarget.closest<HTMLElement>('.page-pane')?.focus();
                }
              }}
            />
          )}
        </PageCanvas>
      </div>
      <aside className="review-side">
        <p className="keys">{t('scans.keys')}</p>
        <p>
          {t('scans.pageSummary', {
            confidence: Math.round(page.ocr.confidence),
            words: words.length,
            left: queue.length,
          })}
        </p>
        {page.ocr.steps.length > 0 && <p className="hint">{page.ocr.steps.join(' · ')}</p>}
        {offer && (
          <div className="offer" role="status">
            <p>
              {t('scans.offer', {
                count: offer.refs.length,
                from: offer.engineText,
                to: offer.text,
              })}
            </p>
            <button
              type="button"
              onClick={() => {
                void decideWords(db, actor, offer.refs, offer.text);
                setOffer(null);
              }}
            >
              {t('scans.applyEverywhere', { count: offer.refs.length })}
            </button>
            <button type="button" onClick={() => setOffer(null)}>
              {t('scans.dismiss')}
            </button>
          </div>
        )}
        <h3>{t('scans.toReview', { count: queue.length })}</h3>
        <ol className="low-words" data-testid="low-words">
          {queue.map((word) => (
            <li key={word.index}>
              <button
                type="button"
                className={word.index === selected ? 'is-selected' : undefined}
                onClick={() => setSelected(word.index)}
              >
                <span>{word.text}</span> <small>{Math.round(word.confidence)}%</small>
              </button>
            </li>
          ))}
        </ol>
        <h3>{t('scans.text')}</h3>
        <pre className="page-text" data-testid="page-text">
          {correctedText(page.ocr.words, corrections ?? [])}
        </pre>
      </aside>
    </div>
  );
}

function boxStyle(box: readonly number[], width: number, height: number) {
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = box;
  return {
    left: `${(x0 / width) * 100}%`,
    top: `${(y0 / height) * 100}%`,
    width: `${Math.max(((x1 - x0) / width) * 100, 6)}%`,
    height: `${((y1 - y0) / height) * 100}%`,
  };
}
