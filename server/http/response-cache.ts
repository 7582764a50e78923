import Negotiator from 'negotiator';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';
import type { RequestClass } from './cached-request-class.js';

/**
 * Public responses (the widget API, the widget frame, the anonymous reviews tab) kept in memory and served again
 * while nothing they show has changed. "Changed" is decided by the database, not by this process: every write a
 * public page shows bumps one version number at its commit (a trigger), and each request compares that number
 * before a stored response is served. So a write made by any process is seen by the next request in every
 * process. The version comes from a watch that listens for the database's notifications (content-version-watch.ts):
 * while it listens, checking it reads nothing; otherwise it is one primary-key read, shared by concurrent requests.
 *
 * Stored responses are also served before Express runs at all (`serveStored`): a GET whose URL, Origin and cookie
 * class match a response Express sent at the current version gets the same bytes and headers again. That is what
 * brings a cached read to the cost of a bare "hello world".
 */
export interface ResponseCacheOptions {
  /** The current public-content version: a number while it is known without a database read, else a promise. */
  readVersion: () => number | Promise<number>;
  /** The version only when it is known without a database read, else null (then nothing is served early). */
  peekVersion?: () => number | null;
  /**
   * Which requests get the same response for a URL and Origin (e.g. "no cookies", "a device cookie"); null for
   * requests that must go through the whole app (a signed-in session). Without it nothing is served early.
   */
  requestClass?: (req: IncomingMessage) => RequestClass | null;
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
  key: string;
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

/** Headers that belong to one request or one encoding, never replayed from a stored response. */
const PER_REQUEST_HEADERS = new Set(['etag', 'content-encoding', 'content-length', 'x-request-id', 'date', 'set-cookie']);

/** A stored response as Express sent it for one request class: its headers, to be sent again unchanged. */
interface Replay {
  entry: Entry;
  headers: [string, string | number | string[]][];
}

/** What serveStored did, for the caller's request log. */
export interface ServedEarly {
  status: number;
}

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly producing = new Map<string, Promise<Entry>>();
  private readonly replays = new Map<string, Replay>();
  private readonly negotiated = new Map<string, Encoding>();
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
  currentVersion(): number | Promise<number> {
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

  private launch(): number | Promise<number> {
    const known = this.options.readVersion();
    // Known without a database read (the watch is listening): nothing to share.
    if (typeof known === 'number') return known;
    const read: Promise<number> = known.finally(() => {
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
        pending = this.produceEntry(key, version, produce).finally(() => this.producing.delete(pendingKey));
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
    this.remember(req, entry, res.getHeaders());
    const encoding = this.encodingFor(entry, req.headers['accept-encoding']);
    res.setHeader('ETag', etagOf(entry, encoding));
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    if (encoding) res.setHeader('Content-Encoding', encoding);
    res.send(bodyOf(entry, encoding));
  }

  /**
   * Sends a stored response without Express, when this exact request (URL, Origin, request class) was answered
   * by Express from the same stored response at the current version, and the version is known without a database
   * read. Returns null when it did not answer (the caller hands the request to Express).
   */
  serveStored(req: IncomingMessage, res: ServerResponse): ServedEarly | null {
    if (req.method !== 'GET' || req.headers['if-modified-since'] !== undefined) return null;
    const requestClass = this.options.requestClass?.(req) ?? null;
    const requestKey = this.requestKey(req, req.url, requestClass);
    if (requestKey === null) return null;
    const replay = this.replays.get(requestKey);
    if (!replay) return null;
    const version = this.options.peekVersion?.() ?? null;
    if (version === null) return null;
    const entry = replay.entry;
    if (entry.version !== version || this.entries.get(entry.key) !== entry) {
      this.replays.delete(requestKey);
      return null;
    }
    this.entries.delete(entry.key);
    this.entries.set(entry.key, entry);
    const encoding = this.encodingFor(entry, req.headers['accept-encoding']);
    const etag = etagOf(entry, encoding);
    requestClass?.prepare?.(res);
    for (const [name, value] of replay.headers) res.setHeader(name, value);
    res.setHeader('ETag', etag);
    if (isFresh(req, etag)) {
      res.statusCode = 304;
      res.end();
      return { status: 304 };
    }
    if (encoding) res.setHeader('Content-Encoding', encoding);
    const body = bodyOf(entry, encoding);
    res.setHeader('Content-Length', body.length);
    res.statusCode = 200;
    res.end(body);
    return { status: 200 };
  }

  /** `url` as the client sent it (a router mounted on a path sees a shortened req.url). */
  private requestKey(req: IncomingMessage, url: string | undefined, requestClass: RequestClass | null): string | null {
    if (requestClass === null || url === undefined) return null;
    return `${url}\u0000${req.headers.origin ?? ''}\u0000${requestClass.key}`;
  }

  /** Keeps the headers Express sent with a stored response, so serveStored can send them again for the same request. */
  private remember(req: Request, entry: Entry, headers: Record<string, string | number | string[] | undefined>): void {
    if (this.entries.get(entry.key) !== entry || headers['set-cookie'] !== undefined) return;
    const requestKey = this.requestKey(req, req.originalUrl, this.options.requestClass?.(req) ?? null);
    if (requestKey === null) return;
    const kept: Replay['headers'] = [];
    for (const [name, value] of Object.entries(headers)) if (value !== undefined && !PER_REQUEST_HEADERS.has(name)) kept.push([name, value]);
    // Bounded like the entries; dropping all is fine: the next Express answer for each request fills it again.
    if (this.replays.size >= this.maxEntries * 4) this.replays.clear();
    this.replays.set(requestKey, { entry, headers: kept });
  }

  /** Compression is chosen the same way by both paths, once per distinct Accept-Encoding header. */
  private encodingFor(entry: Entry, acceptEncoding: string | undefined): Encoding {
    if (entry.body.length < COMPRESS_FROM_BYTES || !acceptEncoding) return false;
    let encoding = this.negotiated.get(acceptEncoding);
    if (encoding === undefined) {
      encoding = preferredEncoding(acceptEncoding);
      if (this.negotiated.size >= 256) this.negotiated.clear();
      this.negotiated.set(acceptEncoding, encoding);
    }
    return encoding;
  }

  private async produceEntry(key: string, version: number, produce: () => Promise<Produced>): Promise<Entry> {
    const produced = await produce();
    const body = Buffer.from(produced.body);
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    return { key, version, status: produced.status ?? 200, body, type: produced.type, headers: produced.headers ?? {}, etag };
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

type Encoding = 'br' | 'gzip' | false;

function bodyOf(entry: Entry, encoding: Encoding): Buffer {
  if (encoding === 'br') return (entry.br ??= brotliCompressSync(entry.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } }));
  if (encoding === 'gzip') return (entry.gzip ??= gzipSync(entry.body));
  return entry.body;
}

/** Each encoding is its own representation, so it gets its own validator. */
function etagOf(entry: Entry, encoding: Encoding): string {
  return encoding ? `${entry.etag.slice(0, -1)}-${encoding}"` : entry.etag;
}

/**
 * br or gzip, whichever the client weighs higher, br on a tie (it is the smaller), decided by `negotiator` (the
 * parser behind Express's own content negotiation); an absent header or q=0 means neither.
 */
export function preferredEncoding(header: string): Encoding {
  if (!header) return false;
  // negotiator 1.x takes a server preference for ties; its published types (0.6) predate that parameter.
  const negotiator = new Negotiator({ headers: { 'accept-encoding': header } }) as Negotiator & {
    encodings(available: readonly string[], options: { preferred: readonly string[] }): string[];
  };
  const [choice] = negotiator.encodings(['br', 'gzip'], { preferred: ['br', 'gzip'] });
  return choice === 'br' || choice === 'gzip' ? choice : false;
}

/** What Express's `req.fresh` decides for a response that carries an ETag and no Last-Modified. */
function isFresh(req: IncomingMessage, etag: string): boolean {
  const noneMatch = req.headers['if-none-match'];
  if (!noneMatch) return false;
  if (/(?:^|,)\s*no-cache\s*(?:,|$)/.test(req.headers['cache-control'] ?? '')) return false;
  if (noneMatch.trim() === '*') return true;
  return noneMatch.split(',').some((token) => {
    const tag = token.trim();
    return tag === etag || tag === `W/${etag}` || `W/${tag}` === etag;
  });
}

/** Renders a view to a string (for the cache) instead of sending it. */
export function renderToString(res: Response, view: string, locals: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => {
    res.render(view, locals, (error: Error | null, html?: string) => (error ? reject(error) : resolve(html ?? '')));
  });
}
