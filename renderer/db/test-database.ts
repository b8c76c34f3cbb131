import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { TesseraDatabase } from './database';

/** A fresh in-memory database per test, so tests never share state. */
export function memoryDatabase(): { db: TesseraDatabase; indexedDB: IDBFactory } {
  const indexedDB = new IDBFactory();
  return { db: new TesseraDatabase('tessera-test', { indexedDB, IDBKeyRange }), indexedDB };
}
