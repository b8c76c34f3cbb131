import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { DecodedPage } from '../../workers/scan-protocol';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Scans are read at 300 DPI by default: small print stays legible to the engine. */
export const defaultPdfDpi = 300;

/** Renders each page of a PDF to a PNG at `dpi`; pdf.js parses in its own worker. */
export async function renderPdfPages(
  bytes: Uint8Array,
  dpi = defaultPdfDpi,
  onPage?: (done: number, total: number) => void,
): Promise<DecodedPage[]> {
  let pdf;
  try {
    // No eval (the app's content security policy forbids it) and no font or CMap downloads.
    pdf = await getDocument({ data: bytes, isEvalSupported: false, useSystemFonts: false }).promise;
  } catch (error) {
    throw new Error(
      `is not a readable PDF (${error instanceof Error ? error.message : String(error)}).`,
      { cause: error },
    );
  }
  const pages: DecodedPage[] = [];
  try {
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const viewport = page.getViewport({ scale: dpi / 72 });
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(viewport.width);
      canvas.height = Math.ceil(viewport.height);
      const context = canvas.getContext('2d');
      if (context === null) throw new Error('this browser cannot draw PDF pages.');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      try {
        await page.render({ canvasContext: context, canvas, viewport }).promise;
      } catch (error) {
        throw new Error(
          `page ${number} cannot be drawn (${error instanceof Error ? error.message : String(error)}).`,
          { cause: error },
        );
      }
      const image = await new Promise<Blob>((resolve, reject) =>
        canvas.toBlob(
          (blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))),
          'image/png',
        ),
      );
      pages.push({ width: canvas.width, height: canvas.height, image });
      page.cleanup();
      onPage?.(number, pdf.numPages);
    }
  } finally {
    await pdf.destroy();
  }
  return pages;
}
