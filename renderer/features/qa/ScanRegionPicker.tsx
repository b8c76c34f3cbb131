import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoxCoordinates, OcrRegionEvidence } from '../../../shared/model/qa';
import { reviewedWords } from '../../../shared/ocr/corrections';
import { boxEvidence, spanEvidence } from '../../../shared/qa/evidence';
import { useServices } from '../../app/services';
import { listCorrections, listProjectPages, listScans, useLive } from '../../db';
import { fitView, PageCanvas, type View } from '../scans/PageCanvas';
import { placeWords, textInBox } from './page-regions';

interface ScanRegionPickerProps {
  projectId: string;
  onCite: (evidence: OcrRegionEvidence) => void;
  /** Regions already cited, outlined on the page. */
  cited: readonly OcrRegionEvidence[];
}

/**
 * Cites a region of a page read by OCR: a box drawn on the page image (its text is the corrected
 * text of the words inside), or a span selected in the page's corrected text.
 */
export function ScanRegionPicker({ projectId, onCite, cited }: ScanRegionPickerProps) {
  const { t } = useTranslation();
  const { db } = useServices();
  const scans = useLive(() => listScans(db, projectId), [db, projectId]);
  const pages = useLive(
    async () => (await listProjectPages(db, projectId)).filter((page) => page.ocr !== null),
    [db, projectId],
  );
  const [pageId, setPageId] = useState<string | null>(null);
  const [view, setView] = useState<View>(fitView);
  const [problem, setProblem] = useState<string | null>(null);
  const textArea = useRef<HTMLTextAreaElement>(null);
  const page = pages?.find((candidate) => candidate.id === pageId) ?? pages?.[0];
  const corrections = useLive(
    async () => (page ? listCorrections(db, { pageId: page.id }) : []),
    [db, page?.id],
  );
  const words = useMemo(
    () => reviewedWords(page?.ocr?.words ?? [], corrections ?? []),
    [page, corrections],
  );
  const { text } = useMemo(() => placeWords(words), [words]);

  if (!pages || !scans) return null;
  if (!page) return <p className="hint">{t('qa.scan.none')}</p>;
  const scanName = (scanId: string) => scans.find((scan) => scan.id === scanId)?.fileName ?? scanId;
  const where = { scanId: page.scanId, scanName: scanName(page.scanId), page: page.page };
  const boxes = cited
    .filter((item) => item.scanId === page.scanId && item.page === page.page)
    .flatMap((item, index) =>
      item.region.kind === 'box'
        ? [{ key: `cited-${index}`, box: item.region.box, label: '', className: 'cited' }]
        : [],
    );

  function citeSelection() {
    const area = textArea.current;
    if (!area || area.selectionStart === area.selectionEnd) {
      setProblem(t('qa.scan.selectFirst'));
      return;
    }
    try {
      onCite(spanEvidence(where, text, area.selectionStart, area.selectionEnd));
      setProblem(null);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <div className="scan-region-picker">
      <label>
        {t('qa.scan.page')}
        <select value={page.id} onChange={(event) => setPageId(event.target.value)}>
          {pages.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {t('qa.scan.pageOption', { file: scanName(candidate.scanId), page: candidate.page })}
            </option>
          ))}
        </select>
      </label>
      <p className="hint">{t('qa.scan.drawHint')}</p>
      <div className="region-canvas" data-testid="region-canvas">
        <PageCanvas
          image={page.image}
          width={page.width}
          height={page.height}
          words={[]}
          selected={null}
          view={view}
          onView={setView}
          boxes={boxes}
          onDraw={(drawn) => {
            // A drag that runs off the image is cut to the page.
            const box: BoxCoordinates = [
              Math.max(0, drawn[0]),
              Math.max(0, drawn[1]),
              Math.min(page.width, drawn[2]),
              Math.min(page.height, drawn[3]),
            ];
            try {
              onCite(boxEvidence(where, box, textInBox(words, box)));
              setProblem(null);
            } catch (error) {
              setProblem(error instanceof Error ? error.message : String(error));
            }
          }}
        />
      </div>
      <label>
        {t('qa.scan.text')}
        <textarea ref={textArea} readOnly value={text} rows={6} />
      </label>
      <button type="button" onClick={citeSelection}>
        {t('qa.scan.citeSelection')}
      </button>
      {problem && <p role="alert">{problem}</p>}
    </div>
  );
}
