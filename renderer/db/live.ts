import { useLiveQuery } from 'dexie-react-hooks';

/**
 * Re-runs a database query whenever the tables it read change, in this window or another.
 * Features use this instead of importing Dexie.
 */
export function useLive<T>(query: () => Promise<T> | T, dependencies: unknown[]): T | undefined {
  return useLiveQuery(query, dependencies);
}
