import { describe, expect, it } from 'vitest';
import { de } from '../../src/i18n/index.js';
import { en, formatSize } from '../../src/i18n/en.js';

const formats = new Map<string, Intl.NumberFormat>();
const intl = (locale: string, digits: number) => formats.get(`${locale}${digits}`) ?? formats.set(`${locale}${digits}`, new Intl.NumberFormat(locale, { maximumFractionDigits: digits })).get(`${locale}${digits}`)!;

/** What Intl writes for the same size: the value in its unit, one fraction digit below 100. */
function byIntl(bytes: number, locale: string, units: readonly string[]): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${intl(locale, digits).format(value)} ${units[unit]}`;
}

describe('sizes as a person reads them', () => {
  // Every byte count up to 110 KB (each rounding of the first units), then sizes around each
  // unit's steps and ragged values up to petabytes.
  const sizes = [
    ...Array.from({ length: 110_000 }, (_, i) => i),
    ...[1, 2, 3, 4].flatMap((power) => Array.from({ length: 2000 }, (_, i) => Math.round(1024 ** power * (0.9 + i * 0.00007)))),
    ...Array.from({ length: 3000 }, (_, i) => Math.round(1.37 ** i) % 2 ** 52).filter(Number.isSafeInteger),
    1024 ** 5 * 3,
  ];

  it('English sizes read exactly as Intl.NumberFormat("en") writes them', () => {
    const wrong = sizes.map((bytes) => [bytes, formatSize(bytes, en), byIntl(bytes, 'en', en.units)]).filter(([, ours, intl]) => ours !== intl);
    expect(wrong).toEqual([]);
    expect(formatSize(1536, en)).toBe('1.5 KB');
    expect(formatSize(1023, en)).toBe('1,023 B');
  });

  it('other locales use Intl in their own digits', () => {
    expect(formatSize(1536, de)).toBe('1,5 KB');
    expect(sizes.slice(0, 500).every((bytes) => formatSize(bytes, de) === byIntl(bytes, 'de', de.units))).toBe(true);
  });
});
