import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import {
  qaStates,
  type QaPair,
  type QaState,
  type Review,
  type QaReviewPolicy,
} from '../../../shared/model/qa';
import { PairDetail } from './PairDetail';
import { StateBadge } from './StateBadge';

const rowHeight = 64;

interface PairListProps {
  pairs: readonly QaPair[];
  reviews: readonly Review[];
  policy: QaReviewPolicy;
  profile: Profile;
  names: Map<string, string>;
}

/** Every pair of the project, newest first, narrowed by state or text; one opens in detail. */
export function PairList({ pairs, reviews, policy, profile, names }: PairListProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<QaState | ''>('');
  const [search, setSearch] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return [...pairs]
      .filter((pair) => state === '' || pair.state === state)
      .filter(
        (pair) =>
          needle === '' || `${pair.question}\n${pair.answer}`.toLowerCase().includes(needle),
      )
      .sort((a, b) =>
        a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1,
      );
  }, [pairs, state, search]);
  // TanStack Virtual returns functions that the React Compiler must not memoize.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 4,
  });
  const open = pairs.find((pair) => pair.id === openId);

  return (
    <section className="pair-list" aria-labelledby="pairs-title">
      <h2 id="pairs-title">{t('qa.pairs', { count: pairs.length })}</h2>
      <div className="pair-list-filters">
        <select
          aria-label={t('review.filter.states')}
          value={state}
          onChange={(event) =>
            setState(qaStates.find((value) => value === event.target.value) ?? '')
          }
        >
          <option value="">{t('review.filter.any')}</option>
          {qaStates.map((value) => (
            <option key={value} value={value}>
              {t(`qa.state.${value}`)}
            </option>
          ))}
        </select>
        <input
          type="search"
          aria-label={t('qa.list.search')}
          placeholder={t('qa.list.search')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
      </div>
      {open && (
        <PairDetail
          key={open.id}
          pair={open}
          reviews={reviews}
          policy={policy}
          profile={profile}
          names={names}
          onClose={() => setOpenId(null)}
        />
      )}
      <div className="pair-scroller" ref={scroller}>
        <ul style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((row) => {
            const pair = shown[row.index]!;
            return (
              <li
                key={pair.id}
                className="card pair-row"
                style={{ transform: `translateY(${row.start}px)`, height: rowHeight - 6 }}
              >
                <button type="button" className="pair-open" onClick={() => setOpenId(pair.id)}>
                  <StateBadge state={pair.state} />
                  <span className="question">{pair.question}</span>
                  <span className="answer">{pair.answer}</span>
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
