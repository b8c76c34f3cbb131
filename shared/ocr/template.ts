/**
 * Form templates: named zones drawn on one page of a form, applied to every scan of that form.
 * Each scan is first aligned to the template page (see template-align.ts), so a scan shifted or
 * scaled a little still puts each zone on the same printed box; each text zone is then recognised
 * on its own by an injected engine call, each checkbox zone read from its ink.
 */
import { z } from 'zod';
import {
  formatJsonPath,
  parseJsonDocument,
  validateJson,
} from '../terminology/formats/json-support';
import { readCheckbox } from './checkbox';
import { otsuThreshold } from './preprocess';
import { alignPage, inkBox, mapBox, type AlignOptions, type PageTransform } from './template-align';
import type { BBox, GrayImage, OcrWord } from './types';

/** Character sets a zone may name instead of spelling out its characters. */
export const whitelistPresets = {
  digits: '0123456789',
  decimal: '0123456789.,-',
  date: '0123456789-/.',
} as const;

export type ZoneMode = 'line' | 'word' | 'block';

const box = z
  .tuple([z.number(), z.number(), z.number(), z.number()])
  .refine(
    ([x0, y0, x1, y1]) => x1 > x0 && y1 > y0,
    'must be [x0, y0, x1, y1] with x1 > x0 and y1 > y0',
  );

const anchorSchema = z.strictObject({
  text: z.string().min(1),
  confidence: z.number().min(0).max(100),
  bbox: box,
  line: z.number().int().min(0),
});

const zoneSchema = z.strictObject({
  name: z.string().trim().min(1, 'a zone needs a name'),
  kind: z.enum(['text', 'checkbox']),
  /** [x0, y0, x1, y1] on the template page. */
  box,
  /** A preset (digits, decimal, date) or the characters themselves. */
  whitelist: z.string().min(1).optional(),
  /** How the engine segments the zone: one line unless said otherwise. */
  mode: z.enum(['line', 'word', 'block']).optional(),
});

export const formTemplateSchema = z
  .strictObject({
    version: z.literal(1),
    name: z.string().trim().min(1, 'a template needs a name'),
    page: z.strictObject({
      width: z.number().int().positive(),
      height: z.number().int().positive(),
    }),
    anchors: z.array(anchorSchema),
    zones: z.array(zoneSchema).min(1, 'a template needs at least one zone'),
    /** The template page's ink box: the fallback alignment when too few anchors match. */
    ink: box.optional(),
  })
  .superRefine((template, context) => {
    const seen = new Set<string>();
    template.zones.forEach((zone, index) => {
      if (seen.has(zone.name)) {
        context.addIssue({
          code: 'custom',
          path: ['zones', index, 'name'],
          message: `"${zone.name}" names two zones`,
        });
      }
      seen.add(zone.name);
      const [x0, y0, x1, y1] = zone.box;
      if (x0 < 0 || y0 < 0 || x1 > template.page.width || y1 > template.page.height) {
        context.addIssue({
          code: 'custom',
          path: ['zones', index, 'box'],
          message: `lies outside the ${template.page.width}×${template.page.height} page`,
        });
      }
    });
  });

export type FormTemplate = z.infer<typeof formTemplateSchema>;
export type TemplateZone = FormTemplate['zones'][number];

/** Reads a template file; a problem becomes an IngestError naming the file, line and field. */
export function parseTemplate(text: string, fileName: string): FormTemplate {
  return validateJson(formTemplateSchema, parseJsonDocument(text, fileName), text, fileName);
}

/** The template of a form page: its OCR words become the anchors, its ink box the fallback. */
export function createTemplate(input: {
  name: string;
  page: { gray: GrayImage; words: readonly OcrWord[] };
  zones: readonly TemplateZone[];
}): FormTemplate {
  const { gray, words } = input.page;
  const ink = inkBox(gray);
  const result = formTemplateSchema.safeParse({
    version: 1,
    name: input.name,
    page: { width: gray.width, height: gray.height },
    anchors: words.map(({ text, confidence, bbox, line }) => ({
      text,
      confidence,
      bbox: [...bbox],
      line,
    })),
    zones: input.zones,
    ...(ink === null ? {} : { ink: [...ink] }),
  });
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(
      `Template "${input.name}": ${formatJsonPath(issue?.path ?? [])}: ${issue?.message ?? 'is not valid'}`,
    );
  }
  return result.data;
}

/** The characters a zone's whitelist stands for: a preset's, or the ones it spells out. */
export function resolveWhitelist(whitelist: string | undefined): string | undefined {
  if (whitelist === undefined) return undefined;
  return Object.hasOwn(whitelistPresets, whitelist)
    ? whitelistPresets[whitelist as keyof typeof whitelistPresets]
    : whitelist;
}

export interface ZoneRequest {
  name: string;
  /** The zone on the scan, in its pixels. */
  box: BBox;
  whitelist?: string;
  mode: ZoneMode;
}

/** The engine, asked to read one rectangle of the scan (tesseract's `rectangle`). */
export type RecognizeZone = (request: ZoneRequest) => Promise<{ text: string; confidence: number }>;

export interface FieldResult {
  value: string;
  confidence: number;
  /** Where the zone fell on the scan: the provenance of the value. */
  box: BBox;
  lowConfidence: boolean;
}

export interface TemplateResult {
  fields: Record<string, FieldResult>;
  transform: PageTransform;
}

export interface ApplyOptions extends AlignOptions {
  /** Fields read with less confidence than this are flagged for review. */
  lowConfidenceBelow?: number;
}

/** Word confidence under 80 caught most misread words in the measurements (MEASURED.md). */
export const defaultLowConfidence = 80;

export async function applyTemplate(
  template: FormTemplate,
  page: { gray: GrayImage; words: readonly OcrWord[] },
  recognizeZone: RecognizeZone,
  options: ApplyOptions = {},
): Promise<TemplateResult> {
  const transform = alignPage(template, page, options);
  const lowBelow = options.lowConfidenceBelow ?? defaultLowConfidence;
  const level = template.zones.some((zone) => zone.kind === 'checkbox')
    ? otsuThreshold(page.gray)
    : 0;
  const fields: [string, FieldResult][] = [];
  for (const zone of template.zones) {
    const target = mapBox(transform, zone.box, page.gray);
    if (zone.kind === 'checkbox') {
      const reading = readCheckbox(page.gray, target, { level });
      fields.push([
        zone.name,
        {
          value: reading.ticked ? 'true' : 'false',
          confidence: reading.confidence,
          box: target,
          lowConfidence: reading.confidence < lowBelow,
        },
      ]);
      continue;
    }
    const isEmpty = target[2] - target[0] < 2 || target[3] - target[1] < 2;
    const whitelist = resolveWhitelist(zone.whitelist);
    const read = isEmpty
      ? { text: '', confidence: 0 }
      : await recognizeZone({
          name: zone.name,
          box: target,
          mode: zone.mode ?? 'line',
          ...(whitelist === undefined ? {} : { whitelist }),
        });
    const value = read.text
      .split('\n')
      .map((line) => line.replace(/\s+/gu, ' ').trim())
      .filter((line) => line !== '')
      .join('\n');
    fields.push([
      zone.name,
      {
        value,
        confidence: value === '' ? 0 : read.confidence,
        box: target,
        lowConfidence: value === '' || read.confidence < lowBelow,
      },
    ]);
  }
  return { fields: Object.fromEntries(fields), transform };
}
