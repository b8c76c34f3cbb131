/**
 * Identifiers that have a shape: phone numbers, e-mail addresses, resident ID numbers, medical
 * record numbers after their label, street addresses and dates. Each finder returns spans; which
 * of two overlapping spans wins is decided later (see `resolveSpans`).
 */
import { isValidResidentId } from './resident-id';
import type { Span } from './types';

// Global copies of the patterns, made once: building a RegExp per call costs more than the
// search itself on short texts.
const globalCopies = new WeakMap<RegExp, RegExp>();

/** Every match of `pattern` in `text`, gathered before the caller runs (no shared state leaks). */
function matches(pattern: RegExp, text: string): RegExpExecArray[] {
  let global = globalCopies.get(pattern);
  if (!global) {
    global = new RegExp(
      pattern.source,
      pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`,
    );
    globalCopies.set(pattern, global);
  }
  global.lastIndex = 0;
  const found: RegExpExecArray[] = [];
  for (let match = global.exec(text); match; match = global.exec(text)) {
    found.push(match);
    if (match[0] === '') global.lastIndex++;
  }
  return found;
}

// Bounded by digits only: "ID110105…" and "…002X号" are still identity numbers.
const residentId = /(?<!\d)\d{17}[\dXx](?![\dXx])/;

export function findResidentIds(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of matches(residentId, text))
    if (isValidResidentId(match[0]))
      spans.push({ start: match.index, end: match.index + match[0].length, type: 'ID' });
  return spans;
}

const email = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

export function findEmails(text: string): Span[] {
  // Most texts hold no "@"; the test is far cheaper than the search.
  if (!text.includes('@')) return [];
  return matches(email, text).map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    type: 'EMAIL' as const,
  }));
}

// Digits are never taken from the middle of a longer number; letters around them do not matter
// ("Tel13812345678", "…5678the").
const phones = [
  // Mainland mobile: 1[3-9] and nine more digits, optionally +86 and grouped 3-4-4.
  /(?<![\d+])(?:(?:\+|00)86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/,
  // Mainland landline: area code 0 + 2-3 digits, optionally bracketed, then 7-8 digits and
  // an optional extension.
  /(?<!\d)(?:\(0\d{2,3}\)\s?|0\d{2,3}[\s-])\d{7,8}(?:\s?(?:转|ext\.?|x)\s?\d{1,5})?(?!\d)/,
  // North American: (555) 123-4567, 555-123-4567, 555.123.4567, +1 555 123 4567.
  /(?<!\d)(?:\+1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[.-])\d{3}[.-]\d{4}(?!\d)/,
  /(?<!\d)\+1[\s.-]?\d{3}[\s.-]\d{3}[\s.-]\d{4}(?!\d)/,
  // Other international numbers: + country code, then 6-13 more digits in groups.
  /(?<!\d)\+(?!1[\s.-]|86)[1-9]\d{0,2}(?:[\s-]?\(?\d{1,4}\)?){2,5}(?!\d)/,
];

export function findPhones(text: string): Span[] {
  const spans: Span[] = [];
  for (const pattern of phones)
    for (const match of matches(pattern, text)) {
      const digits = match[0].replace(/\D/g, '').length;
      if (digits >= 7 && digits <= 15)
        spans.push({ start: match.index, end: match.index + match[0].length, type: 'PHONE' });
    }
  return spans;
}

/** Labels after which a record number follows, in English and Chinese. */
export const defaultMrnLabels: readonly string[] = [
  'MRN',
  'Medical Record Number',
  'Medical Record No.',
  'Record No.',
  'Hospital No.',
  '病案号',
  '住院号',
  '门诊号',
  '病历号',
  '就诊号',
  '登记号',
  '就诊卡号',
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const labelledPatterns = new Map<string, RegExp>();
// The same labels array comes with every text of an export: skip building its key each time.
const patternOfLabels = new WeakMap<readonly string[], RegExp>();

function labelledPattern(labels: readonly string[]): RegExp {
  const known = patternOfLabels.get(labels);
  if (known) return known;
  const key = labels.join('\u0000');
  let pattern = labelledPatterns.get(key);
  if (!pattern) {
    pattern = new RegExp(
      `(?:${labels.map(escapeRegExp).join('|')})\\s*(?:[:：#]|is|为|是)?\\s*([A-Za-z]{0,4}-?\\d[A-Za-z0-9-]{2,})`,
      'giu',
    );
    labelledPatterns.set(key, pattern);
  }
  patternOfLabels.set(labels, pattern);
  return pattern;
}

/**
 * The number after an MRN label ("MRN: 00123456", "住院号：ZY2023001"), and any extra patterns a
 * site uses (each a regular expression whose whole match, or first group, is the number).
 */
export function findMrns(
  text: string,
  labels: readonly string[] = defaultMrnLabels,
  extraPatterns: readonly RegExp[] = [],
): Span[] {
  const spans: Span[] = [];
  if (labels.length > 0) {
    for (const match of matches(labelledPattern(labels), text)) {
      const number = match[1] ?? '';
      const start = match.index + match[0].length - number.length;
      spans.push({ start, end: start + number.length, type: 'MRN' });
    }
  }
  for (const pattern of extraPatterns)
    for (const match of matches(pattern, text)) {
      const value = match[1] ?? match[0];
      const offset = match[1] === undefined ? 0 : match[0].indexOf(value);
      spans.push({
        start: match.index + offset,
        end: match.index + offset + value.length,
        type: 'MRN',
      });
    }
  return spans;
}

const provinces =
  '北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门';
const han = '\\p{Script=Han}';
// An address ends in a house number ("88号", "3号楼2单元501室") after a road, or is a chain of
// province, city and district. Place-name segments are short runs of Han characters, so that a
// sentence before the address is not taken along ("患者住在…" is trimmed below).
const chineseStreet = new RegExp(
  `(?:(?:${provinces})(?:省|市|自治区)?)?(?:[${han}]{1,7}?(?:省|自治区|自治州|市|地区|盟|区|县|旗|镇|乡|街道))*` +
    `[${han}\\d]{1,10}?(?:路|街|大道|大街|巷|弄|胡同|道)(?:[${han}\\d]{1,4}?(?:段|里))?\\d+(?:-\\d+)?号` +
    `(?:院)?(?:\\d+(?:号楼|栋|幢|座))?(?:\\d+单元)?(?:\\d+(?:室|号房))?`,
  'u',
);
const chineseRegion = new RegExp(
  `(?:${provinces})(?:省|市|自治区)?[${han}]{1,6}?(?:市|自治州|地区)[${han}]{1,6}?(?:区|县|旗)`,
  'u',
);
const regionUnit = /[区县旗]/u;
// A sentence before the address ("患者的地址是…", "家住…") is cut at the last character that
// cannot be part of a place name before the first administrative or road unit.
const stopCharacter = /[的是为在于住址自:：,，。;；、]/u;
const firstUnit = /省|自治区|市|区|县|旗|镇|乡|路|街|道|巷|弄|胡同/u;
const province = new RegExp(`(?:${provinces})`, 'u');

function addressStart(text: string): number {
  const unit = firstUnit.exec(text);
  const prefix = unit ? text.slice(0, unit.index) : text;
  let start = 0;
  for (let index = 0; index < prefix.length; index++)
    if (stopCharacter.test(prefix[index] ?? '')) start = index + 1;
  const named = province.exec(text);
  return named && named.index > start && named.index <= (unit?.index ?? 0) ? named.index : start;
}

// Only an abbreviation takes a full stop with it ("Oak St."), not a sentence's last word.
const streetType =
  '(?:(?:Street|Avenue|Road|Boulevard|Lane|Drive|Court|Way|Place|Terrace|Parkway|Highway)\\b|(?:St|Ave|Rd|Blvd|Ln|Dr|Ct|Pl|Pkwy|Hwy)\\b\\.?)';
const englishStreet = new RegExp(
  `\\b\\d{1,6}\\s+(?:[NSEW]\\.?\\s+)?(?:[A-Z][a-z]+\\s+){1,3}${streetType}` +
    `(?:,?\\s+(?:Apt|Apartment|Suite|Ste|Unit|#)\\.?\\s*[\\w-]+)?` +
    `(?:,\\s*[A-Z][a-z]+(?:\\s+[A-Z][a-z]+)*(?:,\\s*[A-Z]{2})?(?:\\s+\\d{5}(?:-\\d{4})?)?)?`,
  'u',
);

export function findAddresses(text: string): Span[] {
  const spans: Span[] = [];
  // A street address ends in 号 and a region in 区, 县 or 旗: without them neither can match.
  const chinese = [
    ...(text.includes('号') ? [chineseStreet] : []),
    ...(regionUnit.test(text) ? [chineseRegion] : []),
  ];
  for (const pattern of chinese)
    for (const match of matches(pattern, text)) {
      const start = match.index + addressStart(match[0]);
      const end = match.index + match[0].length;
      if (end > start) spans.push({ start, end, type: 'ADDRESS' });
    }
  for (const match of matches(englishStreet, text))
    spans.push({ start: match.index, end: match.index + match[0].length, type: 'ADDRESS' });
  // A region inside a street address is part of it, not an address of its own.
  return spans.filter(
    (span) =>
      !spans.some(
        (other) =>
          other !== span &&
          other.start <= span.start &&
          span.end <= other.end &&
          other.end - other.start > span.end - span.start,
      ),
  );
}
