import type { OpenedFile } from '../../shared/ipc';
import { readAll } from './browser-platform';

/** Files above this are refused before reading, rather than exhausting the window's memory. */
export const maxFileBytes = 1024 * 1024 * 1024;

/** Dropped files work the same in both shells: the drop gives File objects either way. */
export async function readDroppedFiles(
  files: readonly File[],
): Promise<{ files: OpenedFile[]; refused: string[] }> {
  const refused = files.filter((file) => file.size > maxFileBytes).map((file) => file.name);
  const accepted = files.filter((file) => file.size <= maxFileBytes);
  return { files: await readAll(accepted), refused };
}
