import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { Difficulty, Evidence, RecordEvidence } from '../../shared/model/qa';
import { evidenceKey } from '../../shared/qa/evidence';

/** One piece of evidence on the form; a record narrowed to one field remembers the record. */
export interface DraftEvidence {
  evidence: Evidence;
  record?: RecordEvidence;
}

export interface DraftFields {
  question: string;
  answer: string;
  department: string;
  topic: string;
  difficulty: Difficulty | '';
  /** Free tags as typed, separated by commas. */
  tagText: string;
  notes: string;
}

interface DraftState extends DraftFields {
  projectId: string | null;
  evidence: DraftEvidence[];
}

interface DraftActions {
  /** Starts over when the draft on the form belongs to another project. */
  open: (projectId: string) => void;
  change: (fields: Partial<DraftFields>) => void;
  cite: (item: DraftEvidence) => void;
  replace: (index: number, item: DraftEvidence) => void;
  uncite: (index: number) => void;
  clear: () => void;
}

const emptyFields: DraftFields = {
  question: '',
  answer: '',
  department: '',
  topic: '',
  difficulty: '',
  tagText: '',
  notes: '',
};

/**
 * The pair being written, kept across sections (an annotator goes to Records or Scans for more
 * evidence and comes back) and reloads, so leaving the screen loses nothing.
 */
export const useDraft = create<DraftState & DraftActions>()(
  persist(
    (set, get) => ({
      ...emptyFields,
      projectId: null,
      evidence: [],
      open: (projectId) => {
        if (get().projectId !== projectId) set({ ...emptyFields, projectId, evidence: [] });
      },
      change: (fields) => set(fields),
      cite: (item) => {
        const key = evidenceKey(item.evidence);
        if (get().evidence.some((cited) => evidenceKey(cited.evidence) === key)) return;
        set({ evidence: [...get().evidence, item] });
      },
      replace: (index, item) =>
        set({ evidence: get().evidence.map((cited, at) => (at === index ? item : cited)) }),
      uncite: (index) => set({ evidence: get().evidence.filter((_, at) => at !== index) }),
      clear: () => set({ ...emptyFields, evidence: [] }),
    }),
    { name: 'tessera.qa-draft', storage: createJSONStorage(() => localStorage) },
  ),
);
