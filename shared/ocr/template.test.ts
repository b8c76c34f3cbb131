import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../ingest/errors';
import {
  applyTemplate,
  createTemplate,
  parseTemplate,
  resolveWhitelist,
  whitelistPresets,
  type FormTemplate,
  type ZoneRequest,
} from './template';
import { mapPoint } from './template-align';
import type { BBox, GrayImage, OcrWord } from './types';

const fixture = 'test/fixtures/scans/crafted/medical-notes.template.json';
const fixtureText = readFileSync(fixture, 'utf8');
const template = parseTemplate(fixtureText, 'medical-notes.template.json');

function blank(width: number, height: number): GrayImage {
  return { width, height, data: new Uint8Array(width * height).fill(255) };
}

/** The template's own words as a scan at 95% shifted by (30, 20) would show them. */
const scale = 0.95;
const shift = [30, 20] as const;
const movedWords: OcrWord[] = template.anchors.map((word) => ({
  ...word,
  bbox: word.bbox.map((value, index) =>
    Math.round(value * scale + (shift[index % 2] ?? 0)),
  ) as unknown as BBox,
}));

function withZones(zones: FormTemplate['zones']): FormTemplate {
  return { ...template, zones };
}

describe('parseTemplate', () => {
  it('reads the fixture template made on medical-notes.png', () => {
    expect(template).toMatchObject({
      version: 1,
      name: 'Patient visit notes',
      page: { width: 1097, height: 691 },
    });
    expect(template.zones.map((zone) => [zone.name, zone.kind, zone.whitelist, zone.mode])).toEqual(
      [
        ['Lungs', 'text', undefined, undefined],
        ['Heart', 'text', undefined, undefined],
        ['Vyvanse mg', 'text', 'digits', 'word'],
      ],
    );
    expect(template.anchors.length).toBeGreaterThan(50);
    expect(template.ink).toHaveLength(4);
  });

  it('names the file, the line and the field of the first problem', () => {
    const broken = fixtureText.replace('"kind": "text"', '"kind": "signature"');
    expect(() => parseTemplate(broken, 't.json')).toThrow(IngestError);
    expect(() => parseTemplate(broken, 't.json')).toThrow(
      /^t\.json, line \d+: \$\.zones\[0\]\.kind: /u,
    );
    expect(() => parseTemplate('{"version": 1,', 't.json')).toThrow(
      /^t\.json, line 1: is not valid JSON/u,
    );
    expect(() => parseTemplate(JSON.stringify({ ...template, version: 2 }), 't.json')).toThrow(
      /\$\.version/u,
    );
  });

  it('refuses zones with the same name, upside-down boxes and boxes off the page', () => {
    const zone = template.zones[0]!;
    const twice = JSON.stringify(withZones([zone, { ...zone, box: [1, 1, 20, 20] }]), null, 2);
    expect(() => parseTemplate(twice, 't.json')).toThrow(
      /\$\.zones\[1\]\.name: "Lungs" names two zones/u,
    );
    const upsideDown = JSON.stringify(withZones([{ ...zone, box: [50, 50, 40, 60] }]));
    expect(() => parseTemplate(upsideDown, 't.json')).toThrow(
      /\$\.zones\[0\]\.box: must be \[x0, y0, x1, y1\]/u,
    );
    const outside = JSON.stringify(withZones([{ ...zone, box: [1000, 600, 1200, 650] }]));
    expect(() => parseTemplate(outside, 't.json')).toThrow(/lies outside the 1097×691 page/u);
    expect(() => parseTemplate(JSON.stringify(withZones([])), 't.json')).toThrow(
      /at least one zone/u,
    );
  });
});

describe('resolveWhitelist', () => {
  it('expands the presets and keeps any other set of characters as it is', () => {
    expect(resolveWhitelist('digits')).toBe('0123456789');
    expect(resolveWhitelist('decimal')).toBe('0123456789.,-');
    expect(resolveWhitelist('date')).toBe('0123456789-/.');
    expect(resolveWhitelist('+-')).toBe('+-');
    expect(resolveWhitelist('constructor')).toBe('constructor');
    expect(resolveWhitelist(undefined)).toBeUndefined();
    expect(Object.keys(whitelistPresets)).toEqual(['digits', 'decimal', 'date']);
  });
});

describe('createTemplate', () => {
  it('keeps the page words as anchors and the ink box as the fallback', () => {
    const gray = blank(200, 100);
    for (let y = 30; y < 50; y++) for (let x = 20; x < 150; x++) gray.data[y * 200 + x] = 0;
    const words = [{ text: 'Name', confidence: 91.5, bbox: [20, 30, 80, 50] as BBox, line: 0 }];
    const made = createTemplate({
      name: 'Intake',
      page: { gray, words },
      zones: [{ name: 'Name', kind: 'text', box: [85, 28, 190, 52] }],
    });
    expect(made).toEqual({
      version: 1,
      name: 'Intake',
      page: { width: 200, height: 100 },
      anchors: words,
      zones: [{ name: 'Name', kind: 'text', box: [85, 28, 190, 52] }],
      ink: [20, 30, 150, 50],
    });
    expect(parseTemplate(JSON.stringify(made), 'intake.json')).toEqual(made);
    expect(() =>
      createTemplate({
        name: 'Intake',
        page: { gray, words },
        zones: [{ name: 'x', kind: 'text', box: [0, 0, 300, 10] }],
      }),
    ).toThrow('Template "Intake": $.zones[0].box: lies outside the 200×100 page');
  });
});

describe('applyTemplate', () => {
  it('reads each zone where it falls on a shifted, scaled scan, with its whitelist and mode', async () => {
    const requests: ZoneRequest[] = [];
    const answers: Record<string, { text: string; confidence: number }> = {
      Lungs: { text: ' clear \n', confidence: 95 },
      Heart: { text: 'Regular   rhythm\n\n', confidence: 91 },
      'Vyvanse mg': { text: '50', confidence: 62 },
    };
    const result = await applyTemplate(
      template,
      { gray: blank(1097, 691), words: movedWords },
      (request) => {
        requests.push(request);
        return Promise.resolve(answers[request.name] ?? { text: '', confidence: 0 });
      },
    );
    expect(result.transform.method).toBe('anchors');
    expect(result.transform.scaleX).toBeCloseTo(scale, 2);
    expect(requests.map(({ name, whitelist, mode }) => [name, whitelist, mode])).toEqual([
      ['Lungs', undefined, 'line'],
      ['Heart', undefined, 'line'],
      ['Vyvanse mg', '0123456789', 'word'],
    ]);
    template.zones.forEach((zone, index) => {
      const [x0, y0] = mapPoint({ ...result.transform }, zone.box[0], zone.box[1]);
      const expected = [zone.box[0] * scale + shift[0], zone.box[1] * scale + shift[1]];
      expect(Math.abs(x0 - (expected[0] ?? 0))).toBeLessThanOrEqual(1);
      expect(Math.abs(y0 - (expected[1] ?? 0))).toBeLessThanOrEqual(1);
      expect(requests[index]?.box).toEqual(result.fields[zone.name]?.box);
    });
    expect(result.fields).toMatchObject({
      Lungs: { value: 'clear', confidence: 95, lowConfidence: false },
      Heart: { value: 'Regular rhythm', confidence: 91, lowConfidence: false },
      'Vyvanse mg': { value: '50', confidence: 62, lowConfidence: true },
    });
  });

  it('flags empty text zones and honours a different review threshold', async () => {
    const result = await applyTemplate(
      template,
      { gray: blank(1097, 691), words: movedWords },
      (request) =>
        Promise.resolve(
          request.name === 'Lungs'
            ? { text: ' \n', confidence: 88 }
            : { text: 'ok', confidence: 70 },
        ),
      { lowConfidenceBelow: 60 },
    );
    expect(result.fields['Lungs']).toMatchObject({ value: '', confidence: 0, lowConfidence: true });
    expect(result.fields['Heart']).toMatchObject({
      value: 'ok',
      confidence: 70,
      lowConfidence: false,
    });
  });

  it('reads checkbox zones from the ink without asking the engine', async () => {
    const gray = blank(1097, 691);
    // A ticked box drawn where the template's box [600, 500, 640, 540] lands on this scan.
    const at = (x: number, y: number): [number, number] => [
      Math.round(x * scale + shift[0]),
      Math.round(y * scale + shift[1]),
    ];
    const [left, top] = at(600, 500);
    const [right, bottom] = at(640, 540);
    for (let y = top; y < bottom; y++) {
      for (let x = left; x < right; x++) {
        const border = x < left + 2 || x >= right - 2 || y < top + 2 || y >= bottom - 2;
        const cross =
          Math.abs(x - left - (y - top)) <= 1 || Math.abs(x - left - (bottom - 1 - y)) <= 1;
        if (border || cross) gray.data[y * 1097 + x] = 0;
      }
    }
    const boxes = withZones([
      { name: 'Ticked', kind: 'checkbox', box: [598, 498, 642, 542] },
      { name: 'Empty', kind: 'checkbox', box: [700, 500, 740, 540] },
    ]);
    let asked = 0;
    const result = await applyTemplate(boxes, { gray, words: movedWords }, () => {
      asked++;
      return Promise.resolve({ text: '', confidence: 0 });
    });
    expect(asked).toBe(0);
    expect(result.fields['Ticked']).toMatchObject({ value: 'true', lowConfidence: false });
    expect(result.fields['Empty']).toMatchObject({
      value: 'false',
      confidence: 100,
      lowConfidence: false,
    });
  });
});
