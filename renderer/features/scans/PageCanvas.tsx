import { useRef, useState, type ReactNode, type PointerEvent, type WheelEvent } from 'react';
import { confidenceBand, type ReviewedWord } from '../../../shared/ocr/corrections';
import type { BBox } from '../../../shared/ocr/types';
import { useObjectUrl } from './use-object-url';

export interface View {
  zoom: number;
  x: number;
  y: number;
}

export const fitView: View = { zoom: 1, x: 0, y: 0 };

interface PageCanvasProps {
  image: Blob;
  width: number;
  height: number;
  words: readonly ReviewedWord[];
  selected: number | null;
  onSelect?: (index: number) => void;
  view: View;
  onView: (view: View) => void;
  /** Extra boxes drawn over the page (template zones). */
  boxes?: { key: string; box: BBox; label: string; className: string }[];
  /** Drawing mode: a drag draws a rectangle instead of panning. */
  onDraw?: (box: BBox) => void;
  children?: ReactNode;
}

/**
 * The page image with word boxes coloured by the engine's confidence. The page is fitted to the
 * pane's width; zoom and pan are a transform over it, so boxes stay on their words.
 */
export function PageCanvas(props: PageCanvasProps) {
  const { image, width, height, words, selected, view, onView, boxes = [], onDraw } = props;
  const url = useObjectUrl(image);
  const layer = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number; view: View; start: [number, number] } | null>(null);
  const [draft, setDraft] = useState<BBox | null>(null);

  function pagePoint(event: PointerEvent): [number, number] {
    const rect = layer.current?.getBoundingClientRect();
    if (!rect) return [0, 0];
    return [
      Math.round(((event.clientX - rect.left) / rect.width) * width),
      Math.round(((event.clientY - rect.top) / rect.height) * height),
    ];
  }

  function down(event: PointerEvent) {
    if (event.button !== 0 || (event.target as Element).closest('rect.word') !== null) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, y: event.clientY, view, start: pagePoint(event) };
  }

  function move(event: PointerEvent) {
    const start = drag.current;
    if (!start) return;
    if (onDraw) {
      const [x, y] = pagePoint(event);
      setDraft(ordered(start.start, [x, y]));
      return;
    }
    onView({
      ...start.view,
      x: start.view.x + event.clientX - start.x,
      y: start.view.y + event.clientY - start.y,
    });
  }

  function up() {
    drag.current = null;
    if (onDraw && draft && draft[2] - draft[0] > 4 && draft[3] - draft[1] > 4) onDraw(draft);
    setDraft(null);
  }

  function wheel(event: WheelEvent) {
    if (!event.ctrlKey) return;
    event.preventDefault();
    onView({ ...view, zoom: clampZoom(view.zoom * (event.deltaY < 0 ? 1.2 : 1 / 1.2)) });
  }

  return (
    <div
      className={onDraw ? 'page-canvas is-drawing' : 'page-canvas'}
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onWheel={wheel}
    >
      <div
        ref={layer}
        className="page-layer"
        style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.zoom})` }}
      >
        {url && <img src={url} alt="" draggable={false} />}
        <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-hidden="true">
          {words.map((word) => (
            <rect
              key={word.index}
              className={`word ${confidenceBand(word.confidence)}${word.decided ? ' decided' : ''}${
                word.index === selected ? ' selected' : ''
              }`}
              x={word.bbox[0]}
              y={word.bbox[1]}
              width={word.bbox[2] - word.bbox[0]}
              height={word.bbox[3] - word.bbox[1]}
              onClick={() => props.onSelect?.(word.index)}
            >
              <title>{`${word.text} · ${Math.round(word.confidence)}%`}</title>
            </rect>
          ))}
          {[
            ...boxes,
            ...(draft ? [{ key: 'draft', box: draft, label: '', className: 'draft' }] : []),
          ].map((zone) => (
            <g key={zone.key} className={`zone ${zone.className}`}>
              <rect
                x={zone.box[0]}
                y={zone.box[1]}
                width={zone.box[2] - zone.box[0]}
                height={zone.box[3] - zone.box[1]}
              />
              <text x={zone.box[0] + 4} y={zone.box[1] - 6}>
                {zone.label}
              </text>
            </g>
          ))}
        </svg>
        {props.children}
      </div>
    </div>
  );
}

function ordered(a: [number, number], b: [number, number]): BBox {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])];
}

export function clampZoom(zoom: number): number {
  return Math.min(8, Math.max(0.25, zoom));
}
