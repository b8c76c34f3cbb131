import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueItem } from './queue-items';
import { StateBadge } from './StateBadge';

const rowHeight = 44;

interface QueueListProps {
  items: readonly QueueItem[];
  /** The walk order (skipped pairs last, decided ones gone). */
  ids: readonly string[];
  currentId: string | null;
  onSelect: (id: string) => void;
}

/** The queue as a list that renders only the rows on screen, so ten thousand pairs scroll freely. */
export function QueueList({ items, ids, currentId, onSelect }: QueueListProps) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const byId = useMemo(() => new Map(items.map((item) => [item.view.pair.id, item])), [items]);
  // TanStack Virtual returns functions that the React Compiler must not memoize.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 6,
  });
  const currentIndex = currentId === null ? -1 : ids.indexOf(currentId);
  useEffect(() => {
    if (currentIndex >= 0) virtualizer.scrollToIndex(currentIndex, { align: 'auto' });
  }, [currentIndex, virtualizer]);

  return (
    <div className="queue-scroller" ref={scroller}>
      <ul
        className="queue-rows"
        role="listbox"
        aria-label={t('review.queue')}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((row) => {
          const id = ids[row.index]!;
          const item = byId.get(id);
          if (!item) return null;
          return (
            <li
              key={id}
              role="option"
              aria-selected={id === currentId}
              className={item.action === null ? 'queue-row is-watching' : 'queue-row'}
              style={{ transform: `translateY(${row.start}px)`, height: rowHeight }}
              onClick={() => onSelect(id)}
            >
              <StateBadge state={item.view.pair.state} />
              <span className="queue-question">{item.view.pair.question}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
