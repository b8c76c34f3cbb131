import { useState, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenedFile } from '../../../shared/ipc';
import { readDroppedFiles } from '../../platform/dropped-files';

interface DropZoneProps {
  onFiles: (files: OpenedFile[]) => void;
  onRefused: (fileName: string, message: string) => void;
  children: ReactNode;
}

export function DropZone({ onFiles, onRefused, children }: DropZoneProps) {
  const { t } = useTranslation();
  const [isOver, setOver] = useState(false);

  async function drop(event: DragEvent) {
    event.preventDefault();
    setOver(false);
    const { files, refused } = await readDroppedFiles(Array.from(event.dataTransfer.files));
    for (const name of refused) onRefused(name, t('records.tooLarge', { file: name }));
    onFiles(files);
  }

  return (
    <div
      className={isOver ? 'drop-zone is-over' : 'drop-zone'}
      data-testid="drop-zone"
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => void drop(event)}
    >
      {children}
    </div>
  );
}
