import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { originOf, qaOrigins, qaStates, tagsOf, type QaPair } from '../../../shared/model/qa';
import { sourcesOf, type QueueFilter } from '../../../shared/qa/queue';
import { tagKeys } from '../../../shared/qa/tags';

interface QueueFiltersProps {
  pairs: readonly QaPair[];
  names: Map<string, string>;
  filter: QueueFilter;
  onChange: (filter: QueueFilter) => void;
}

type Facet = 'tags' | 'sources' | 'states' | 'authors' | 'origins';

/** Narrows the queue by tag, source, state, author or origin; the options are what the project has. */
export function QueueFilters({ pairs, names, filter, onChange }: QueueFiltersProps) {
  const { t } = useTranslation();
  const options = useMemo(() => filterOptions(pairs, names), [pairs, names]);
  const labels: Record<Facet, (value: string) => string> = {
    tags: (value) => value,
    sources: (value) => options.sourceNames.get(value) ?? value,
    states: (value) => t(`qa.state.${value}`),
    authors: (value) => names.get(value) ?? value,
    origins: (value) => t(`qa.origin.${value}`),
  };

  function choose(facet: Facet, value: string) {
    onChange(withFacet(filter, facet, value));
  }

  return (
    <div className="queue-filters" role="group" aria-label={t('review.filter.title')}>
      {(['tags', 'sources', 'states', 'authors', 'origins'] as const).map((facet) => (
        <label key={facet}>
          {t(`review.filter.${facet}`)}
          <select
            value={filter[facet]?.[0] ?? ''}
            onChange={(event) => choose(facet, event.target.value)}
          >
            <option value="">{t('review.filter.any')}</option>
            {options[facet].map((value) => (
              <option key={value} value={value}>
                {labels[facet](value)}
              </option>
            ))}
          </select>
        </label>
      ))}
    </div>
  );
}

/** The filter with one facet narrowed to a value, or opened again for ''. */
function withFacet(filter: QueueFilter, facet: Facet, value: string): QueueFilter {
  const next: QueueFilter = { ...filter };
  delete next[facet];
  if (value === '') return next;
  switch (facet) {
    case 'states': {
      const state = qaStates.find((candidate) => candidate === value);
      return state ? { ...next, states: [state] } : next;
    }
    case 'origins': {
      const origin = qaOrigins.find((candidate) => candidate === value);
      return origin ? { ...next, origins: [origin] } : next;
    }
    default:
      return { ...next, [facet]: [value] };
  }
}

function filterOptions(pairs: readonly QaPair[], names: Map<string, string>) {
  const tags = new Map<string, number>();
  const sources = new Set<string>();
  const sourceNames = new Map<string, string>();
  const authors = new Set<string>();
  const states = new Set<string>();
  const origins = new Set<string>();
  for (const pair of pairs) {
    for (const key of tagKeys(tagsOf(pair))) tags.set(key, (tags.get(key) ?? 0) + 1);
    for (const source of sourcesOf(pair)) sources.add(source);
    for (const evidence of pair.evidence) {
      if (evidence.kind === 'record' || evidence.kind === 'field') {
        sourceNames.set(evidence.sourceId, evidence.sourceName);
      } else if (evidence.kind === 'ocr-region')
        sourceNames.set(evidence.scanId, evidence.scanName);
    }
    authors.add(pair.authorId);
    states.add(pair.state);
    origins.add(originOf(pair));
  }
  return {
    // The most used tags first; a long tail of one-off labels is searchable by scrolling.
    tags: [...tags.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([key]) => key),
    sources: [...sources].sort((a, b) =>
      (sourceNames.get(a) ?? a).localeCompare(sourceNames.get(b) ?? b),
    ),
    sourceNames,
    states: qaStates.filter((state) => states.has(state)),
    authors: [...authors].sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b)),
    origins: qaOrigins.filter((origin) => origins.has(origin)),
  };
}
