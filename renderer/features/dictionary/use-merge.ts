import { useState } from 'react';
import { readTermsCsv } from '../../../shared/terminology/formats/csv';
import { readFhirCodeSystem } from '../../../shared/terminology/formats/fhir-codesystem';
import { readTesseraDictionary } from '../../../shared/terminology/formats/tessera-json';
import {
  compareDictionaries,
  isEmptyPlan,
  type MergeChoice,
  type MergePlan,
} from '../../../shared/terminology/merge';
import type { Profile } from '../../../shared/model/people';
import type { Term } from '../../../shared/model/terminology';
import { useServices } from '../../app/services';
import { mergeDictionary } from '../../db';

export interface MergeState {
  plan: MergePlan | null;
  decisions: Record<string, MergeChoice>;
  message: { isError: boolean; text: string } | null;
}

/** Reads another workstation's dictionary, compares it with ours, and applies what a lead decides. */
export function useMerge(
  profile: Profile,
  describe: { empty: string; done: (changed: number) => string },
) {
  const { db, platform } = useServices();
  const [state, setState] = useState<MergeState>({ plan: null, decisions: {}, message: null });

  async function pick() {
    try {
      const [file] = await platform.openFiles({
        filters: [
          { name: 'Dictionary (Tessera JSON, CSV, FHIR CodeSystem)', extensions: ['json', 'csv'] },
        ],
        multiple: false,
      });
      if (!file) return;
      const incoming = { terms: readIncoming(file.name, new TextDecoder().decode(file.data)) };
      const local = (await db.terms.toArray()).map(({ aliasKeys: _keys, ...term }): Term => term);
      const plan = compareDictionaries(local, incoming.terms, { source: file.name });
      setState(
        isEmptyPlan(plan)
          ? { plan: null, decisions: {}, message: { isError: false, text: describe.empty } }
          : { plan, decisions: {}, message: null },
      );
    } catch (error) {
      setState({
        plan: null,
        decisions: {},
        message: { isError: true, text: error instanceof Error ? error.message : String(error) },
      });
    }
  }

  function decide(conflictId: string, choice: MergeChoice) {
    setState((current) => ({
      ...current,
      decisions: { ...current.decisions, [conflictId]: choice },
    }));
  }

  async function apply() {
    if (!state.plan) return;
    try {
      const result = await mergeDictionary(db, profile, state.plan, state.decisions);
      setState({
        plan: null,
        decisions: {},
        message: { isError: false, text: describe.done(result.changes.length) },
      });
    } catch (error) {
      setState((current) => ({
        ...current,
        message: { isError: true, text: error instanceof Error ? error.message : String(error) },
      }));
    }
  }

  function cancel() {
    setState({ plan: null, decisions: {}, message: null });
  }

  return { state, pick, decide, apply, cancel };
}

/** The format is told by the content: a CSV by its name, a CodeSystem by its resourceType. */
function readIncoming(fileName: string, text: string): Term[] {
  const importedAt = new Date().toISOString();
  if (/\.csv$/i.test(fileName)) return readTermsCsv(text, { fileName, importedAt });
  if (/"resourceType"\s*:\s*"CodeSystem"/.test(text.slice(0, 4000))) {
    return readFhirCodeSystem(text, { fileName, importedAt }).terms;
  }
  return readTesseraDictionary(text, fileName).terms;
}
