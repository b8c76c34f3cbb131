/**
 * Consistent replacements: the same identifier always gets the same pseudonym within an export
 * (same salt), and different exports with different salts share nothing. Pseudonyms derive from
 * a salted hash of the identifier, not from the order identifiers were met, so a preview and the
 * export agree and a streamed export needs no table of what it has seen.
 *
 * Names become names (a Chinese name for a Chinese one, word by word for Latin names); other identifiers become a typed tag with a short hash,
 * "[PHONE-3f9a2c1b]", which cannot be mistaken for a real number.
 */
import { hashString } from '../text/near-duplicate';
import type { IdentifierType } from './types';

const chineseSurnames = Array.from(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
);
const chineseGiven = Array.from(
  '安宁平和嘉欣悦怡静雅晨曦若琳子涵梓萱一诺思源浩然宇轩俊杰明哲伟强磊洋勇军杰涛斌超鹏飞辉华建国志文博远航天佑清扬',
);
const latinGiven = [
  'Alex',
  'Blair',
  'Casey',
  'Dana',
  'Eden',
  'Finley',
  'Gray',
  'Harper',
  'Indy',
  'Jordan',
  'Kai',
  'Logan',
  'Morgan',
  'Noel',
  'Oakley',
  'Parker',
  'Quinn',
  'Reese',
  'Sage',
  'Taylor',
  'Umber',
  'Val',
  'Wren',
  'Xen',
  'Yael',
  'Zion',
  'Avery',
  'Bailey',
  'Cameron',
  'Drew',
  'Ellis',
  'Frankie',
  'Hayden',
  'Jamie',
  'Kendall',
  'Lane',
  'Marlow',
  'Nico',
  'Peyton',
  'Riley',
];
const latinFamily = [
  'Abbott',
  'Barker',
  'Carver',
  'Dalton',
  'Ellison',
  'Fairley',
  'Garner',
  'Hollis',
  'Irving',
  'Jarvis',
  'Keller',
  'Lowell',
  'Mercer',
  'Norwood',
  'Oakes',
  'Prescott',
  'Quimby',
  'Radley',
  'Sutton',
  'Thorne',
  'Upton',
  'Vance',
  'Whitlock',
  'Yardley',
  'Ashby',
  'Brennan',
  'Colby',
  'Draper',
  'Easton',
  'Fenwick',
  'Gilmore',
  'Harlow',
  'Kingsley',
  'Lockwood',
  'Marston',
  'Nash',
  'Pemberton',
  'Rowe',
  'Sterling',
  'Winslow',
];

const latinNames = [...latinGiven, ...latinFamily];

function pick<T>(list: readonly T[], hash: number): T {
  return list[hash % list.length] as T;
}

/** The identifier with what does not change its identity folded away. */
export function identityKey(type: IdentifierType, value: string): string {
  const text = value.normalize('NFKC').trim();
  switch (type) {
    case 'PHONE':
      return text.replace(/\D/g, '').replace(/^(?:0086|86)(?=1[3-9]\d{9}$)/, '');
    case 'EMAIL':
    case 'ID':
    case 'MRN':
      return text.toLowerCase();
    default:
      return text.toLowerCase().replace(/\s+/g, ' ');
  }
}

export function tagHash(salt: string, type: IdentifierType, value: string): string {
  return hashString(`${salt}\u0000${type}\u0000${identityKey(type, value)}`)
    .toString(16)
    .padStart(8, '0');
}

export function pseudonymFor(salt: string, type: IdentifierType, value: string): string {
  if (type === 'NAME') return namePseudonym(salt, value);
  return `[${type}-${tagHash(salt, type, value)}]`;
}

function namePseudonym(salt: string, name: string): string {
  const hash = (text: string) => hashString(`${salt}\u0000NAME\u0000${text.toLowerCase()}`);
  if (/\p{Script=Han}/u.test(name)) {
    const compact = name.replace(/[\s·•]/g, '');
    const characters = Array.from(compact);
    const surname = pick(chineseSurnames, hash(characters[0] ?? ''));
    const givenLength = Math.max(1, Math.min(2, characters.length - 1));
    const given = Array.from({ length: givenLength }, (_, index) =>
      pick(chineseGiven, hash(`${compact}#${index}`)),
    ).join('');
    return surname + given;
  }
  // Word by word through one list, so "John Smith", "Smith" and "SMITH, JOHN" stay consistent
  // whatever order the words come in.
  return name
    .trim()
    .split(/(\s+|,\s*)/)
    .map((word) => {
      if (!/\p{L}/u.test(word)) return word;
      const replacement = pick(latinNames, hash(word));
      return word === word.toUpperCase() ? replacement.toUpperCase() : replacement;
    })
    .join('');
}
