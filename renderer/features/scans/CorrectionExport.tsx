import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OcrCorrection, Scan, ScanPage } from '../../../shared/model/scans';
import { correctionPairs, pairsJsonl } from '../../../shared/ocr/correction-pairs';
import { useServices } from '../../app/services';
import { cropImage } from '../../workers/scan-client';

interface CorrectionExportProps {
  corrections: readonly OcrCorrection[];
  pages: readonly ScanPage[];
  scans: readonly Scan[];
}

/** OCR corrections as PNG crops plus a JSONL of their texts, for training an OCR model. */
export function CorrectionExport({ corrections, pages, scans }: CorrectionExportProps) {
  const { t } = useTranslation();
  const { platform } = useServices();
  const [message, setMessage] = useState<string | null>(null);
  const pageById = new Map(pages.map((page) => [page.id, page]));
  const scanById = new Map(scans.map((scan) => [scan.id, scan]));

  async function exportPairs() {
    const pairs = correctionPairs(corrections, (correction) => ({
      file: scanById.get(correction.scanId)?.fileName ?? correction.scanId,
      page: pageById.get(correction.pageId)?.page ?? 0,
    }));
    const byId = new Map(corrections.map((correction) => [correction.id, correction]));
    const files = [];
    for (const pair of pairs) {
      const correction = byId.get(pair.correction_id);
      const page = correction ? pageById.get(correction.pageId) : undefined;
      if (!correction || !page) continue;
      const crop = await cropImage(page.image, correction.bbox);
      files.push({ path: pair.image, data: new Uint8Array(await crop.arrayBuffer()) });
    }
    files.push({
      path: 'corrections.jsonl',
      data: new TextEncoder().encode(pairsJsonl(pairs)),
    });
    const outcome = await platform.saveFolder('ocr-corrections', files);
    setMessage(
      outcome.isSaved
        ? t('scans.exported', { count: pairs.length, where: outcome.location ?? '' })
        : null,
    );
  }

  return (
    <div className="correction-export">
      <button type="button" disabled={corrections.length === 0} onClick={() => void exportPairs()}>
        {t('scans.exportCorrections', { count: corrections.length })}
      </button>
      {message && <p role="status">{message}</p>}
    </div>
  );
}
