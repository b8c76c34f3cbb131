import { useTranslation } from 'react-i18next';
import type { BoxCoordinates, OcrRegionEvidence } from '../../../shared/model/qa';
import { reviewedWords } from '../../../shared/ocr/corrections';
import { useServices } from '../../app/services';
import { listCorrections, useLive } from '../../db';
import { useObjectUrl } from '../scans/use-object-url';
import { placeWords, spanBox } from './page-regions';

/** Page pixels shown around the region, so the reader sees what surrounds it. */
const margin = 24;

/**
 * The page image cut to the cited region, with the region outlined. A span is located through the
 * page's corrected text; when that text has changed since the pair was written, the quote alone
 * is the evidence and the crop is left out rather than drawn in the wrong place.
 */
export function EvidenceCrop({ evidence }: { evidence: OcrRegionEvidence }) {
  const { t } = useTranslation();
  const { db } = useServices();
  const pageId = `${evidence.scanId}:${evidence.page}`;
  const found = useLive(async () => {
    const page = await db.scanPages.get(pageId);
    if (!page) return null;
    const { region } = evidence;
    if (region.kind === 'box') return { page, box: region.box };
    const corrections = await listCorrections(db, { pageId });
    const { text, placed } = placeWords(reviewedWords(page.ocr?.words ?? [], corrections));
    const isSame = text.slice(region.start, region.end) === region.text;
    return { page, box: isSame ? spanBox(placed, region.start, region.end) : null };
  }, [db, pageId, evidence]);
  const url = useObjectUrl(found?.page.image);
  if (found === undefined) return null;
  if (found === null) return <p className="hint">{t('qa.evidenceView.pageGone')}</p>;
  if (found.box === null) return <p className="hint">{t('qa.evidenceView.textChanged')}</p>;
  const { page, box } = found;
  const view = padded(box, page.width, page.height);
  return (
    <svg
      className="evidence-crop"
      viewBox={`${view.x} ${view.y} ${view.width} ${view.height}`}
      // At most one and a half times the page's own size: a short span is not blown up.
      style={{ width: view.width * 1.5 }}
      role="img"
      aria-label={t('qa.evidenceView.crop', { page: evidence.page, file: evidence.scanName })}
    >
      {url && <image href={url} x={0} y={0} width={page.width} height={page.height} />}
      <rect x={box[0]} y={box[1]} width={box[2] - box[0]} height={box[3] - box[1]} />
    </svg>
  );
}

/** The box with a margin around it, kept on the page. */
function padded(box: BoxCoordinates, width: number, height: number) {
  const x = Math.max(0, box[0] - margin);
  const y = Math.max(0, box[1] - margin);
  return {
    x,
    y,
    width: Math.max(1, Math.min(width, box[2] + margin) - x),
    height: Math.max(1, Math.min(height, box[3] + margin) - y),
  };
}
