import type { ScanKind } from '../../../shared/model/scans';

const byExtension: Record<string, ScanKind> = {
  png: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  tif: 'tiff',
  tiff: 'tiff',
  bmp: 'bmp',
  webp: 'webp',
  pdf: 'pdf',
};

export const scanExtensions = Object.keys(byExtension);

export function scanKindOf(fileName: string): ScanKind | null {
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  return byExtension[extension] ?? null;
}

const mimeTypes: Record<ScanKind, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  tiff: 'image/tiff',
  bmp: 'image/bmp',
  webp: 'image/webp',
  pdf: 'application/pdf',
};

export function mimeTypeOf(kind: ScanKind): string {
  return mimeTypes[kind];
}
