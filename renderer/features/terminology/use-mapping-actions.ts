import { useState } from 'react';
import type { Profile } from '../../../shared/model/people';
import type { Project, Source } from '../../../shared/model/records';
import type { Term } from '../../../shared/model/terminology';
import { starterDictionaries } from '../../../shared/terminology/starter';
import { useServices } from '../../app/services';
import { acceptMapping, createTerm, decideMapping, revertMapping } from '../../db';
import type { MappingItem } from './MappingView';
import type { NewTermDraft } from './NewTermDialog';
import type { RankedSuggestion } from './use-suggestions';

/** A decision made on this screen, as undo finds it again. */
interface Made {
  raw: string;
  sourceSystem: string;
}

/**
 * The decisions a person makes on the mapping screen — accept, reject, flag, a new term — each
 * for every system or for the file's source system only, and an undo of the last one.
 */
export function useMappingActions(
  profile: Profile,
  project: Project,
  source: Source | undefined,
  scope: string,
) {
  const { db } = useServices();
  const [made, setMade] = useState<Made[]>([]);
  const sourceSystem = source?.sourceSystem ?? '';
  const target = (raw: string, isForSourceSystem: boolean) => ({
    projectId: project.id,
    raw,
    scope,
    sourceSystem,
    isForSourceSystem,
  });
  const remember = (raw: string, isForSourceSystem: boolean) =>
    setMade((stack) => [...stack, { raw, sourceSystem: isForSourceSystem ? sourceSystem : '' }]);

  async function accept(
    item: MappingItem,
    suggestion: RankedSuggestion,
    isForSourceSystem: boolean,
  ): Promise<void> {
    if (!source) return;
    await acceptMapping(db, profile, {
      ...target(item.name.raw, isForSourceSystem),
      sourceId: source.id,
      termId: suggestion.term.id,
      score: suggestion.score,
      reason: suggestion.reason,
    });
    remember(item.name.raw, isForSourceSystem);
  }

  async function decide(
    item: MappingItem,
    status: 'rejected' | 'flagged',
    isForSourceSystem: boolean,
  ): Promise<void> {
    const top = item.suggestions[0];
    await decideMapping(db, profile, {
      ...target(item.name.raw, isForSourceSystem),
      status,
      termId: top?.term.id ?? '',
      score: top?.score ?? 0,
      reason: top?.reason ?? '',
    });
    remember(item.name.raw, isForSourceSystem);
  }

  async function createAndMap(
    item: MappingItem,
    draft: NewTermDraft,
    isForSourceSystem: boolean,
  ): Promise<Term> {
    const dictionary = starterDictionaries.find((candidate) => candidate.id === draft.dictionaryId);
    const split = (text: string) => text.split(/[,，;；]/);
    const term = await createTerm(db, profile, {
      dictionaryId: draft.dictionaryId,
      domain: dictionary?.domain ?? 'clinical-lab',
      system: 'local',
      code: draft.code,
      nameEn: draft.nameEn,
      nameZh: draft.nameZh,
      abbreviations: split(draft.abbreviations),
      units: split(draft.units),
      category: 'Local',
    });
    if (source)
      await acceptMapping(db, profile, {
        ...target(item.name.raw, isForSourceSystem),
        sourceId: source.id,
        termId: term.id,
        score: 1,
        reason: `new term ${term.nameEn} created for "${item.name.raw}"`,
      });
    remember(item.name.raw, isForSourceSystem);
    return term;
  }

  /** Takes the last decision back; says which raw name it was, to move the focus there. */
  async function undo(): Promise<string | null> {
    const last = made.at(-1);
    if (!last) return null;
    await revertMapping(db, profile, project.id, last.raw, {
      scope,
      sourceSystem: last.sourceSystem,
    });
    setMade((stack) => stack.slice(0, -1));
    return last.raw;
  }

  return { accept, decide, createAndMap, undo, forget: () => setMade([]) };
}
