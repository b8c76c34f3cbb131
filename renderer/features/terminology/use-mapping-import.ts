import { useState } from 'react';
import type { Profile } from '../../../shared/model/people';
import type { Term } from '../../../shared/model/terminology';
import {
  planMappingImport,
  readMappingFile,
  type MappingFile,
  type MappingImportPlan,
} from '../../../shared/terminology/mapping-import';
import { useServices } from '../../app/services';
import { importMappingSynonyms, readDictionaryVersion } from '../../db';

export interface MappingImportState {
  file: MappingFile | null;
  plan: MappingImportPlan | null;
  sourceSystem: string;
  message: { isError: boolean; text: string } | null;
}

const closed = { file: null, plan: null };

/**
 * Reads a mapping file a person picked, plans what it would teach the dictionary (again when the
 * source system they scope it to changes), and applies the plan they confirm.
 */
export function useMappingImport(
  profile: Profile,
  defaultSystem: string,
  describe: { done: (count: number, file: string, version: number) => string },
) {
  const { db, platform } = useServices();
  const [state, setState] = useState<MappingImportState>({
    ...closed,
    sourceSystem: defaultSystem,
    message: null,
  });

  async function localTerms(): Promise<Term[]> {
    return (await db.terms.toArray()).map(({ aliasKeys: _keys, ...term }): Term => term);
  }

  async function planFor(file: MappingFile, sourceSystem: string): Promise<MappingImportPlan> {
    return planMappingImport(file, await localTerms(), {
      dictionaryVersion: await readDictionaryVersion(db),
      sourceSystem,
    });
  }

  async function pick() {
    try {
      const [picked] = await platform.openFiles({
        filters: [{ name: 'Mappings (SSSOM TSV, FHIR ConceptMap)', extensions: ['tsv', 'json'] }],
        multiple: false,
      });
      if (!picked) return;
      const file = readMappingFile(
        picked.name,
        new TextDecoder().decode(picked.data),
        await localTerms(),
        new Date().toISOString(),
      );
      const plan = await planFor(file, defaultSystem);
      setState({ file, plan, sourceSystem: defaultSystem, message: null });
    } catch (error) {
      setState({ ...closed, sourceSystem: defaultSystem, message: failure(error) });
    }
  }

  async function scopeTo(sourceSystem: string) {
    const { file } = state;
    if (!file) return;
    const plan = await planFor(file, sourceSystem);
    setState((current) => ({ ...current, plan, sourceSystem }));
  }

  async function apply() {
    const { plan } = state;
    if (!plan) return;
    try {
      await importMappingSynonyms(db, profile, plan);
      setState({
        ...closed,
        sourceSystem: defaultSystem,
        message: {
          isError: false,
          text: describe.done(plan.synonyms.length, plan.fileName, plan.dictionaryVersion + 1),
        },
      });
    } catch (error) {
      setState((current) => ({ ...current, message: failure(error) }));
    }
  }

  function cancel() {
    setState({ ...closed, sourceSystem: defaultSystem, message: null });
  }

  return { state, pick, scopeTo, apply, cancel };
}

function failure(error: unknown): { isError: true; text: string } {
  return { isError: true, text: error instanceof Error ? error.message : String(error) };
}
