/** The functions templates may call (Handlebars "helpers"): comparisons and formatting only; no logic that belongs in a view-model. */
export const templateFunctions = {
  eq: (a: unknown, b: unknown) => a === b,
  sameValue: (a: unknown, b: unknown) => a !== undefined && a !== null && String(a) === String(b),
  or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
  and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
  not: (a: unknown) => !a,
  plural: (n: number | string, one: string, many: string) => (Number(n) === 1 ? one : many),
  /** The filled share of a five-star bar, to the nearest tenth of a star (2 %), for the p0…p100 classes. */
  starPercent: (value: number | string) => Math.max(0, Math.min(100, Math.round(Number(value) * 10) * 2)),
  range: (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i),
  /** One query-string value, percent-encoded (Handlebars escapes HTML, not URLs). */
  uri: (value: unknown) => encodeURIComponent(value === undefined || value === null ? '' : String(value)),
  json: (value: unknown) => JSON.stringify(value, null, 2),
  join: (list: unknown[], sep: string) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : ''),
};
