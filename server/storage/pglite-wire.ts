import { messages, types } from '@electric-sql/pglite';
import type { QueryResult } from './database.js';

/**
 * Reads one extended-protocol exchange's raw backend messages (RowDescription, DataRow, ErrorResponse, …) into
 * rows. PGlite's own reader copies every field into a fresh buffer before decoding it, which a replay profile put at
 * a quarter of all CPU time; here each text field is decoded straight from the response (one copy of the whole
 * response, no copy per field), and values go through PGlite's own type parsers, so rows are the same as
 * `PGlite.query` returns. Only for statements inside a transaction: PostgreSQL sends notifications after a commit,
 * never in the middle of a transaction, so nothing here needs PGlite's notification dispatch.
 */

type Parsers = NonNullable<Parameters<typeof types.parseType>[2]>;

const decoder = new TextDecoder('utf-8');

// Backend message codes (PostgreSQL frontend/backend protocol).
const ROW_DESCRIPTION = 0x54; // T
const DATA_ROW = 0x44; // D
const ERROR_RESPONSE = 0x45; // E
const COMMAND_COMPLETE = 0x43; // C
const EMPTY_QUERY = 0x49; // I

// ErrorResponse field codes → DatabaseError properties (as pg-protocol names them).
const ERROR_FIELDS: Record<string, string> = {
  S: 'severity',
  C: 'code',
  D: 'detail',
  H: 'hint',
  P: 'position',
  p: 'internalPosition',
  q: 'internalQuery',
  W: 'where',
  s: 'schema',
  t: 'table',
  c: 'column',
  d: 'dataType',
  n: 'constraint',
  F: 'file',
  L: 'line',
  R: 'routine',
};

export function readWireResult<T>(data: Uint8Array, parsers: Parsers): QueryResult<T> {
  return readWireResults(data, parsers, 1)[0] as QueryResult<T>;
}

/**
 * The results of `count` statements sent in one exchange (Bind, Describe, Execute for each, then one Sync): each
 * ends with its CommandComplete. An error ends the exchange (PostgreSQL skips the rest until the Sync) and is thrown.
 */
export function readWireResults(data: Uint8Array, parsers: Parsers, count: number): QueryResult<unknown>[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let names: string[] = [];
  let typeIds: number[] = [];
  let rows: Record<string, unknown>[] = [];
  const results: QueryResult<unknown>[] = [];
  let error: Error | null = null;
  let offset = 0;
  while (offset + 5 <= data.length) {
    const code = data[offset]!;
    const length = view.getInt32(offset + 1);
    const start = offset + 5;
    const end = offset + 1 + length;
    if (code === ROW_DESCRIPTION) {
      const count = view.getInt16(start);
      names = [];
      typeIds = [];
      let at = start + 2;
      for (let i = 0; i < count; i++) {
        const nul = data.indexOf(0, at);
        names.push(decoder.decode(data.subarray(at, nul)));
        at = nul + 1;
        typeIds.push(view.getInt32(at + 6));
        at += 18;
      }
    } else if (code === DATA_ROW) {
      const count = view.getInt16(start);
      const row: Record<string, unknown> = {};
      let at = start + 2;
      for (let i = 0; i < count; i++) {
        const size = view.getInt32(at);
        at += 4;
        if (size < 0) {
          row[names[i]!] = null;
        } else {
          row[names[i]!] = types.parseType(decoder.decode(data.subarray(at, at + size)), typeIds[i]!, parsers);
          at += size;
        }
      }
      rows.push(row);
    } else if (code === COMMAND_COMPLETE || code === EMPTY_QUERY) {
      results.push({ rows });
      rows = [];
    } else if (code === ERROR_RESPONSE && !error) {
      error = readError(data, start, end, length);
    }
    offset = end;
  }
  if (error) throw error;
  if (results.length !== count) throw new Error(`expected ${count} results in one exchange, read ${results.length}`);
  return results;
}

function readError(data: Uint8Array, start: number, end: number, length: number): Error {
  const fields: Record<string, string> = {};
  let at = start;
  while (at < end && data[at] !== 0) {
    const key = String.fromCharCode(data[at]!);
    const nul = data.indexOf(0, at + 1);
    fields[key] = decoder.decode(data.subarray(at + 1, nul));
    at = nul + 1;
  }
  const error = new messages.DatabaseError(fields.M ?? 'database error', length, 'error') as unknown as Record<string, unknown>;
  for (const [key, property] of Object.entries(ERROR_FIELDS)) if (fields[key] !== undefined) error[property] = fields[key];
  return error as unknown as Error;
}
