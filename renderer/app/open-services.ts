import { installStarterDictionaries, TesseraDatabase } from '../db';
import { createPlatform } from '../platform';
import type { Services } from './services';

declare const __APP_VERSION__: string;

/** Opens the database (upgrading it if needed) and installs the starter dictionaries once. */
export async function openServices(): Promise<Services> {
  const db = new TesseraDatabase();
  await db.open();
  await installStarterDictionaries(db);
  const version = __APP_VERSION__;
  return { db, platform: createPlatform(version), version };
}
