import type { PreprocessOptions } from '../../shared/ocr/preprocess';
import type { BBox, GrayImage } from '../../shared/ocr/types';
import type { DecodedPage, ScanRequest, ScanResponse } from './scan-protocol';

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, (response: ScanResponse) => void>();

type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;
type Answer<K extends ScanRequest['kind']> = Extract<ScanResponse, { ok: true; kind: K }>;

async function send<K extends ScanRequest['kind']>(
  request: Unnumbered<Extract<ScanRequest, { kind: K }>>,
): Promise<Answer<K>> {
  if (!worker) {
    worker = new Worker(new URL('./scan.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<ScanResponse>) => {
      waiting.get(event.data.id)?.(event.data);
      waiting.delete(event.data.id);
    };
  }
  const id = ++nextId;
  const response = await new Promise<ScanResponse>((resolve) => {
    waiting.set(id, resolve);
    worker?.postMessage({ ...request, id });
  });
  if (!response.ok) throw new Error(response.message);
  return response as Answer<K>;
}

export async function decodeImageFile(
  file: Blob,
  type: 'tiff' | 'bitmap',
  name: string,
): Promise<DecodedPage[]> {
  return (await send<'decode'>({ kind: 'decode', file, type, name })).pages;
}

export function prepareImage(image: Blob, options: PreprocessOptions): Promise<Answer<'prepare'>> {
  return send<'prepare'>({ kind: 'prepare', image, options });
}

export async function cropImage(image: Blob, box: BBox): Promise<Blob> {
  return (await send<'crop'>({ kind: 'crop', image, box })).image;
}

export async function grayImage(image: Blob): Promise<GrayImage> {
  return (await send<'gray'>({ kind: 'gray', image })).gray;
}

export async function turnImage(image: Blob, turns: number): Promise<DecodedPage> {
  return (await send<'turn'>({ kind: 'turn', image, turns })).page;
}
