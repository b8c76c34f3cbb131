/**
 * Chinese resident identity card numbers (GB 11643-1999): 17 digits — a 6-digit region, an
 * 8-digit birth date, a 3-digit sequence — then a check character computed with ISO 7064
 * MOD 11-2, where 10 is written "X". A number whose check character or birth date is wrong is not
 * an identity number, and is left alone (it is more likely a lab accession or a barcode).
 */

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const checkCharacters = '10X98765432';

/** The check character for the first 17 digits of a number. */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('Expected 17 digits.');
  let sum = 0;
  for (let index = 0; index < 17; index++) sum += Number(first17[index]) * (weights[index] ?? 0);
  return checkCharacters[sum % 11] ?? '';
}

export function isValidResidentId(text: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(text)) return false;
  if (!isPlausibleBirthDate(text.slice(6, 14))) return false;
  return residentIdCheckCharacter(text.slice(0, 17)) === text.slice(17).toUpperCase();
}

function isPlausibleBirthDate(digits: string): boolean {
  const year = Number(digits.slice(0, 4));
  const month = Number(digits.slice(4, 6));
  const day = Number(digits.slice(6, 8));
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
