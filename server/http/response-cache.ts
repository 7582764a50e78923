import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';

/**
 * Public responses (the widget API, the widget frame, the anonymous reviews tab) kept in memory and served again
 * while nothing they show has changed. "Changed" is decided by the database, not by this process: every write a
 * public page shows bumps one version number at its commit (a trigger), and each request compares that number
 * before a stored response is served. So a write made by any process is seen by the next request in every
 * process; the cost is one primary-key read, shared by the requests that arrive while it runs.
 */
export interface ResponseCacheOptions {
  /** Reads the current public-content version from the database. */
  readVersion: () => Promise<number>;
  /** Bounds on memory: least recently used responses are dropped first. */
  maxEntries?: number;
  maxBytes?: number;
}

export interface Produced {
  body: string;
  type: string;
  /** Only 200 responses are stored; anything else is sent once as produced. */
  status?: number;
  /** Headers that belong to this response (e.g. the frame's per-merchant CSP). */
  headers?: Record<string, string>;
}

interface Entry {
  version: number;
  status: number;
  body: Buffer;
  type: string;
  etag: string;
  headers: Record<string, string>;
  /** Compressed once per stored response, on the first request that accepts the encoding. */
  br?: Buffer;
  gzip?: Buffer;
}

/** Below this size compression saves less than its headers and CPU cost. */
const COMPRESS_FROM_BYTES = 1024;

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly producing = new Map<string, Promise<Entry>>();
  private bytes = 0;
  private inFlight: Promise<number> | null = null;
  private next: Promise<number> | null = null;
  private readonly maxEntries: number;
  private readonly maxBytes: number;

  constructor(private readonly options: ResponseCacheOptions) {
    this.maxEntries = options.maxEntries ?? 2000;
    this.maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  }

  /**
   * The version as read by a query that started after this call. Concurrent callers share one read; a caller
   * that arrives while a read is already running waits for the following one, because the running one may
   * have started before a write this caller has already seen committed.
   */
  currentVersion(): Promise<number> {
    if (!this.inFlight) return this.launch();
    this.next ??= this.inFlight
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        this.next = null;
        return this.launch();
      });
    return this.next;
  }

  private launch(): Promise<number> {
    const read: Promise<number> = this.options.readVersion().finally(() => {
      if (this.inFlight === read) this.inFlight = null;
    });
    this.inFlight = read;
    return read;
  }

  /**
   * Sends the stored response for `key` if it is as new as the database, otherwise produces, stores and sends
   * it. The version is read before the data, so a stored response is never older than its version says.
   * Errors from `produce` propagate and nothing is stored.
   */
  async send(req: Request, res: Response, key: string, produce: () => Promise<Produced>): Promise<void> {
    const version = await this.currentVersion();
    let entry = this.entries.get(key);
    if (entry && entry.version === version) {
      // Most recently used last: Map keeps insertion order, so the first key is the one to drop.
      this.entries.delete(key);
      this.entries.set(key, entry);
    } else {
      // Requests that miss together share one rendering instead of each querying and rendering the same page.
      const pendingKey = `${version}\u0000${key}`;
      let pending = this.producing.get(pendingKey);
      if (!pending) {
        pending = this.produceEntry(version, produce).finally(() => this.producing.delete(pendingKey));
        this.producing.set(pendingKey, pending);
      }
      entry = await pending;
      if (entry.status === 200) this.store(key, entry);
    }
    for (const [name, value] of Object.entries(entry.headers)) res.setHeader(name, value);
    res.status(entry.status).type(entry.type);
    if (entry.status !== 200) {
      res.send(entry.body);
      return;
    }
    res.vary('Accept-Encoding');
    const encoding = entry.body.length >= COMPRESS_FROM_BYTES ? req.acceptsEncodings('br', 'gzip') : false;
    let body = entry.body;
    if (encoding === 'br') body = entry.br ??= brotliCompressSync(entry.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } });
    if (encoding === 'gzip') body = entry.gzip ??= gzipSync(entry.body);
    // Each encoding is its own representation, so it gets its own validator.
    res.setHeader('ETag', encoding === 'br' || encoding === 'gzip' ? `${entry.etag.slice(0, -1)}-${encoding}"` : entry.etag);
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    if (encoding === 'br' || encoding === 'gzip') res.setHeader('Content-Encoding', encoding);
    res.send(body);
  }

  private async produceEntry(version: number, produce: () => Promise<Produced>): Promise<Entry> {
    const produced = await produce();
    const body = Buffer.from(produced.body);
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    return { version, status: produced.status ?? 200, body, type: produced.type, headers: produced.headers ?? {}, etag };
  }

  private store(key: string, entry: Entry): void {
    const old = this.entries.get(key);
    if (old) {
      // A slower request may finish after a newer one: keep the newer response.
      if (old.version > entry.version) return;
      this.entries.delete(key);
      this.bytes -= old.body.length;
    }
    if (entry.body.length > this.maxBytes / 8) return;
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    for (const [oldestKey, oldest] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(oldestKey);
      this.bytes -= oldest.body.length;
    }
  }
}

/** Renders a view to a string (for the cache) instead of sending it. */
export function renderToString(res: Response, view: string, locals: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => {
    res.render(view, locals, (error: Error | null, html?: string) => (error ? reject(error) : resolve(html ?? '')));
  });
}
