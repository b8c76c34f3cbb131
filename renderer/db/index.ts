export { TesseraDatabase, type StoredTerm } from './database';
export { useLive } from './live';
export { systemActor, type Actor } from './audit';
export * from './repositories/profiles';
export * from './repositories/projects';
export * from './repositories/sources';
export * from './repositories/terminology';
export * from './repositories/qa';
export * from './repositories/exports';
