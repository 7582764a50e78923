// CSV (RFC 4180) for the merchant's exports, safe to open in a spreadsheet. A text cell that starts with = + - @
// (or a tab or carriage return) would be read as a formula ("CSV injection"; review text is written by anyone), so it
// gets a leading apostrophe, which spreadsheets show as text. Numbers are written as numbers: a negative NPS stays a
// number, and a number cannot carry a formula.

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Header and rows as one CSV document, CRLF line ends as RFC 4180 says. */
export function csvTable(header: string[], rows: CsvValue[][]): string {
  return `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
