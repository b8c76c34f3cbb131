import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export const views = [
  'projects',
  'records',
  'scans',
  'mapping',
  'dictionary',
  'qa',
  'review',
  'export',
  'audit',
] as const;
export type View = (typeof views)[number];

export interface CitedRecord {
  sourceId: string;
  row: number;
}

interface SessionState {
  profileId: string | null;
  projectId: string | null;
  view: View;
  sourceId: string | null;
  citedRecord: CitedRecord | null;
}

interface SessionActions {
  signIn: (profileId: string) => void;
  openProject: (projectId: string) => void;
  closeProject: () => void;
  show: (view: View) => void;
  selectSource: (sourceId: string | null) => void;
  cite: (record: CitedRecord | null) => void;
}

export type SessionStore = SessionState & SessionActions;

const initialState: SessionState = {
  profileId: null,
  projectId: null,
  view: 'projects',
  sourceId: null,
  citedRecord: null,
};

/** Where the user is: who, in which project, on which screen. Kept across reloads. */
export const useSession = create<SessionStore>()(
  persist(
    (set) => ({
      ...initialState,
      signIn: (profileId) => set({ profileId }),
      openProject: (projectId) =>
        set({ projectId, view: 'records', sourceId: null, citedRecord: null }),
      closeProject: () =>
        set({ projectId: null, view: 'projects', sourceId: null, citedRecord: null }),
      show: (view) => set({ view }),
      selectSource: (sourceId) => set({ sourceId }),
      cite: (citedRecord) => set({ citedRecord }),
    }),
    {
      name: 'tessera.session',
      storage: createJSONStorage(() => localStorage),
    },
  ),
);
