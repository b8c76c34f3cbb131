/**
 * Dates found in text and shifted by a whole number of days, written back in the form they came
 * in ("2023-04-05", "2023/4/5", "2023年4月5日", "04/05/2023", "April 5, 2023", "5 Apr 2023").
 * A time after the date is left as it is: shifting by whole days keeps intervals, weekdays aside.
 */
import type { Span } from './types';

const months = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const monthPattern =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';

interface DateForm {
  name: string;
  pattern: RegExp;
  parse: (match: RegExpExecArray) => { year: number; month: number; day: number } | null;
  write: (match: RegExpExecArray, date: Date) => string;
}

// Month and day are zero-padded in the output when either was in the input ("2023/04/5" is
// taken as padded); ISO dates always are.
function isPadded(...parts: (string | undefined)[]): boolean {
  return parts.some((part) => part !== undefined && part.length === 2 && part.startsWith('0'));
}

function pad(value: number, isZeroPadded: boolean): string {
  return isZeroPadded && value < 10 ? `0${value}` : String(value);
}

const forms: DateForm[] = [
  {
    // 2023-04-05, 2023/4/5, 2023.04.05 (same separator twice).
    name: 'year-first',
    pattern: /(?<![\d.])((?:19|20)\d{2})([-/.])(\d{1,2})\2(\d{1,2})(?![\d])/g,
    parse: (m) => ({ year: Number(m[1]), month: Number(m[3]), day: Number(m[4]) }),
    write: (m, d) => {
      const padded = m[2] === '-' || isPadded(m[3], m[4]);
      return `${d.getUTCFullYear()}${m[2]}${pad(d.getUTCMonth() + 1, padded)}${m[2]}${pad(d.getUTCDate(), padded)}`;
    },
  },
  {
    // 2023年4月5日
    name: 'chinese',
    pattern: /((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g,
    parse: (m) => ({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }),
    write: (m, d) =>
      `${d.getUTCFullYear()}年${pad(d.getUTCMonth() + 1, isPadded(m[2], m[3]))}月${pad(d.getUTCDate(), isPadded(m[2], m[3]))}${m[0].endsWith('号') ? '号' : '日'}`,
  },
  {
    // 04/05/2023, as written in the United States (month first).
    name: 'month-first',
    pattern: /(?<![\d/])(\d{1,2})\/(\d{1,2})\/((?:19|20)\d{2})(?![\d/])/g,
    parse: (m) => ({ year: Number(m[3]), month: Number(m[1]), day: Number(m[2]) }),
    write: (m, d) =>
      `${pad(d.getUTCMonth() + 1, isPadded(m[1], m[2]))}/${pad(d.getUTCDate(), isPadded(m[1], m[2]))}/${d.getUTCFullYear()}`,
  },
  {
    // April 5, 2023 / Apr 5 2023
    name: 'month-name-first',
    pattern: new RegExp(
      `\\b${monthPattern}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d{2})\\b`,
      'g',
    ),
    parse: (m) => ({ year: Number(m[3]), month: monthIndex(m[1] ?? '') + 1, day: Number(m[2]) }),
    write: (m, d) =>
      `${monthName(d.getUTCMonth(), m[1] ?? '')} ${d.getUTCDate()}, ${d.getUTCFullYear()}`,
  },
  {
    // 5 April 2023 / 5 Apr 2023
    name: 'day-first',
    pattern: new RegExp(`\\b(\\d{1,2})\\s+${monthPattern}\\.?,?\\s+((?:19|20)\\d{2})\\b`, 'g'),
    parse: (m) => ({ year: Number(m[3]), month: monthIndex(m[2] ?? '') + 1, day: Number(m[1]) }),
    write: (m, d) =>
      `${d.getUTCDate()} ${monthName(d.getUTCMonth(), m[2] ?? '')} ${d.getUTCFullYear()}`,
  },
];

function monthIndex(name: string): number {
  return months.findIndex((month) => month.startsWith(name.toLowerCase().slice(0, 3)));
}

// Keeps the style of the original: abbreviated or full.
function monthName(index: number, like: string): string {
  const full = months[index] ?? '';
  const name = like.length <= 4 && like.toLowerCase() !== full ? full.slice(0, 3) : full;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function validDate(parts: { year: number; month: number; day: number } | null): Date | null {
  if (!parts) return null;
  const { year, month, day } = parts;
  if (month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCDate() === day ? date : null;
}

export interface FoundDate extends Span {
  /** The date found, at midnight UTC. */
  value: Date;
  /** Which written form it was found in. */
  form: string;
  /** The same date moved by `days` and written in the original form. */
  shift: (days: number) => string;
}

export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  for (const form of forms) {
    // The forms' patterns are global and used by one search at a time: reset, then run through.
    const { pattern } = form;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const date = validDate(form.parse(match));
      if (!date) continue;
      const captured = match;
      found.push({
        start: match.index,
        end: match.index + match[0].length,
        type: 'DATE',
        value: date,
        form: form.name,
        shift: (days) => form.write(captured, new Date(date.getTime() + days * 86_400_000)),
      });
    }
  }
  return found;
}
