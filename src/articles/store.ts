/**
 * The article store: every text file of the articles folder, parsed, indexed for search, and kept
 * current while Herald runs.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readdir, realpath } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { silentLogger, type Logger } from '../log.js';
import { ArticleChangeListeners, type ArticleChange, type ArticleChangeListener } from './changes.js';
import { ArticleCollection } from './collection.js';
import { checkEntry, idOfFileName, isCandidateName, isSafeId, readChecked, type SkipReason } from './files.js';
import { DEFAULT_SEARCH_LIMIT, getIn, resolveIn, searchIn, type ArticleLookup, type LookupPart } from './lookup.js';
import { parseArticle } from './parse.js';
import { mapPooled } from './pool.js';
import type { Combine, IndexHit } from './search-index.js';
import type { Article, ArticleMatch } from './types.js';

/** How to open an article store. */
export interface ArticleStoreOptions {
  /** The articles folder (SEEDS_DIR). */
  dir: string;
  /** Files larger than this many bytes are skipped; default 1,000,000. */
  maxBytes?: number;
  /** Where skipped files and watch problems are reported; silent by default. */
  logger?: Logger;
  /** Pick up files added, changed or removed while running; default true. */
  watch?: boolean;
}

export type { ArticleChange, ArticleChangeListener } from './changes.js';

/** Default size limit: far above any news article, far below what would hurt memory. */
export const DEFAULT_MAX_BYTES = 1_000_000;
/** Files examined at once; keeps the disk busy without running out of file descriptors. */
const READ_CONCURRENCY = 32;
/** Quiet time after the last file event before rescanning; editors write in bursts. */
const DEBOUNCE_MS = 100;
/** A steady stream of events still gets a rescan this often. */
const MAX_DEBOUNCE_MS = 1_000;
/** Rescan interval when the folder cannot be watched (no inotify slots, network mounts). */
const POLL_MS = 5_000;

type Outcome =
  | { kind: 'article'; article: Article }
  | { kind: 'skipped'; reason: SkipReason; detail: string };

/** What the store knows about one file of the folder. */
interface FileRecord {
  signature: string;
  outcome: Outcome;
}

/** A file as seen by one scan; `fresh` when it was (re)examined rather than unchanged. */
interface Seen {
  name: string;
  record: FileRecord;
  fresh: boolean;
}

/**
 * Articles of one folder. Opening loads every file (concurrently) and builds the search index in
 * one go; afterwards the folder is watched and only files whose size or times changed are read
 * again. Bad files are skipped with a warning and never stop Herald.
 */
export class ArticleStore implements LookupPart, ArticleLookup {
  /** The articles folder, absolute. */
  readonly dir: string;
  private readonly maxBytes: number;
  private readonly logger: Logger;
  private files = new Map<string, FileRecord>();
  private fileOfId = new Map<string, string>();
  /** The loaded articles with their search index and look-up tables. */
  private readonly collection = new ArticleCollection();
  private readonly listeners: ArticleChangeListeners;
  private loaded = false;
  /** Set while the folder cannot be read, so polling does not repeat the warning every time. */
  private folderProblem = false;
  private closed = false;
  private queue: Promise<void> = Promise.resolve();
  private pending: Promise<void> | undefined;
  private watcher: FSWatcher | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private debounceTimer: NodeJS.Timeout | undefined;
  private firstEventAt: number | undefined;

  private constructor(options: ArticleStoreOptions) {
    this.dir = resolvePath(options.dir);
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.logger = options.logger ?? silentLogger;
    this.listeners = new ArticleChangeListeners(this.logger);
  }

  /**
   * Loads the folder and, unless `watch` is false, starts watching it. Rejects only when the folder
   * itself cannot be read; bad files inside it are skipped with a warning.
   */
  static async open(options: ArticleStoreOptions): Promise<ArticleStore> {
    const store = new ArticleStore(options);
    // Watch before the first scan, so that a file written during loading is not missed.
    if (options.watch !== false) store.startWatching();
    try {
      await store.refresh();
    } catch (error) {
      store.close();
      throw error;
    }
    return store;
  }

  /** All articles, newest `updatedAt` first, then by id. */
  list(): Article[] {
    return [...this.collection.list()];
  }

  /** Number of articles loaded. */
  get size(): number {
    return this.collection.size;
  }

  /**
   * The article with this id (or the only one whose id differs just in case). Answers from memory
   * only, so a path such as "../../etc/passwd" can never read anything; it is simply unknown.
   */
  get(id: string): Article | undefined {
    return getIn([this], id);
  }

  /**
   * Articles matching the words of `query`, best first: headline counts most, then id, then body.
   * Case and diacritics are ignored, the last letters of a word may be missing, and small typos
   * are forgiven. All words must match; when no article has them all, any word will do.
   * A blank query matches nothing (use list()).
   */
  search(text: string, limit = DEFAULT_SEARCH_LIMIT): ArticleMatch[] {
    return searchIn([this], text, limit);
  }

  /**
   * The article a user means: an id (any case, with or without the file extension), a whole
   * headline, or words of it. Throws UserError 'article_ambiguous' (params.candidates: ids) when
   * several articles fit equally well, and 'article_not_found' (params.suggestions: the closest
   * ids) when none does.
   */
  resolve(ref: string): Article {
    return resolveIn([this], ref);
  }

  /** The seed folder is the same in every guild. */
  in(): ArticleLookup {
    return this;
  }

  /** {@link LookupPart}: the article with exactly this id. */
  article(id: string): Article | undefined {
    return this.collection.article(id);
  }

  /** {@link LookupPart}: ids that are `lower` when lower-cased. */
  idsFolded(lower: string): readonly string[] {
    return this.collection.idsFolded(lower);
  }

  /** {@link LookupPart}: ids of the articles with this headline (query terms joined by spaces). */
  idsWithHeadline(key: string): readonly string[] {
    return this.collection.idsWithHeadline(key);
  }

  /** {@link LookupPart}: index hits. */
  hits(query: string, combine: Combine, limit: number): IndexHit[] {
    return this.collection.hits(query, combine, limit);
  }

  /** {@link LookupPart}: every article, in no particular order. */
  values(): Iterable<Article> {
    return this.collection.values();
  }

  /** {@link LookupPart}: what "did you mean" measures (all articles of a folder of up to 2,000). */
  suggestionCandidates(query: string): Iterable<Article> {
    return this.collection.suggestionCandidates(query);
  }

  /** The article a file name ("ford.txt") stands for. */
  byFileName(name: string): Article | undefined {
    const id = idOfFileName(name);
    if (id === name) return undefined;
    const article = this.get(id);
    if (!article) return undefined;
    return this.fileOfId.get(article.id)?.toLowerCase() === name.toLowerCase() ? article : undefined;
  }

  /** Subscribes to added, changed and removed articles; returns the unsubscribe function. */
  onChange(listener: ArticleChangeListener): () => void {
    return this.listeners.add(listener);
  }

  /**
   * Rescans the folder now, reading only new files and files whose size or times changed.
   * Calls made while a scan runs share the next scan. After loading, never rejects: a folder that
   * vanished is logged and the articles last seen are kept.
   */
  refresh(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.pending) return this.pending;
    const run = this.queue.then(() => {
      this.pending = undefined;
      return this.scan();
    });
    this.pending = run;
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops watching; the articles already loaded stay readable. */
  close(): void {
    this.closed = true;
    this.watcher?.close();
    this.watcher = undefined;
    clearInterval(this.pollTimer);
    clearTimeout(this.debounceTimer);
    this.listeners.clear();
  }

  private async scan(): Promise<void> {
    let realDir: string;
    let names: string[];
    try {
      realDir = await realpath(this.dir);
      names = await readdir(realDir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      if (!this.loaded) throw new Error(`Cannot read the articles folder ${this.dir} (${code}).`);
      if (!this.folderProblem) {
        this.logger.warn({ dir: this.dir, code }, 'Cannot read the articles folder; keeping the articles loaded before');
      }
      this.folderProblem = true;
      return;
    }
    if (this.folderProblem) this.logger.info({ dir: this.dir }, 'The articles folder is readable again');
    this.folderProblem = false;
    const candidates = names.filter(isCandidateName).sort();
    const seen = await mapPooled(candidates, READ_CONCURRENCY, (name) => this.examine(realDir, name));
    if (this.closed) return;
    this.apply(seen.filter((entry): entry is Seen => entry !== undefined));
  }

  private async examine(realDir: string, name: string): Promise<Seen | undefined> {
    const previous = this.files.get(name);
    const id = idOfFileName(name);
    if (!isSafeId(id)) {
      const record: FileRecord = { signature: 'bad-name', outcome: { kind: 'skipped', reason: 'bad_name', detail: 'its name cannot be an article id' } };
      return { name, record, fresh: previous === undefined };
    }
    const check = await checkEntry(realDir, name, this.maxBytes);
    if (check.kind === 'gone') return undefined;
    const signature = check.kind === 'file' ? check.facts.signature : check.signature;
    if (previous && previous.signature === signature) return { name, record: previous, fresh: false };
    if (check.kind === 'skip') {
      return { name, record: { signature, outcome: { kind: 'skipped', reason: check.reason, detail: check.detail } }, fresh: true };
    }
    const read = await readChecked(check.facts);
    if (!read.ok) {
      if (read.reason === 'gone') return undefined;
      return { name, record: { signature, outcome: { kind: 'skipped', reason: read.reason, detail: read.detail } }, fresh: true };
    }
    const parsed = parseArticle(id, read.bytes, read.facts.mtimeMs);
    if (!parsed.ok) {
      const detail = parsed.reason === 'empty' ? 'it has no text' : 'it looks binary, not like text';
      return { name, record: { signature, outcome: { kind: 'skipped', reason: parsed.reason, detail } }, fresh: true };
    }
    if (parsed.encoding === 'windows-1252') {
      this.logger.info({ file: name }, 'Read article file as Windows-1252 since it is not valid UTF-8');
    }
    return { name, record: { signature, outcome: { kind: 'article', article: parsed.article } }, fresh: true };
  }

  /** Swaps in the result of a scan, updates the index and tells listeners what changed. */
  private apply(seen: readonly Seen[]): void {
    const files = new Map<string, FileRecord>();
    const claims = new Map<string, { name: string; article: Article; fresh: boolean }[]>();
    for (const { name, record, fresh } of seen) {
      files.set(name, record);
      const { outcome } = record;
      if (outcome.kind === 'skipped') {
        if (fresh) this.warnSkipped(name, outcome.reason, outcome.detail);
        continue;
      }
      const claim = { name, article: outcome.article, fresh };
      const others = claims.get(outcome.article.id);
      if (others) others.push(claim);
      else claims.set(outcome.article.id, [claim]);
    }
    const articles = new Map<string, Article>();
    const fileOfId = new Map<string, string>();
    for (const [id, candidates] of claims) {
      // Two files for one id ("ford.txt", "ford.md"): the one already serving it keeps it, so a
      // new file cannot silently replace an article; otherwise the first by name.
      const holder = candidates.find((claim) => claim.name === this.fileOfId.get(id)) ?? candidates[0];
      if (!holder) continue;
      fileOfId.set(id, holder.name);
      articles.set(id, holder.article);
      for (const claim of candidates) {
        if (claim !== holder && claim.fresh) this.warnSkipped(claim.name, 'duplicate_id', `id "${id}" is already taken by ${holder.name}`);
      }
    }

    const changes: ArticleChange[] = [];
    for (const { id } of this.collection.values()) if (!articles.has(id)) changes.push({ type: 'removed', id });
    for (const [id, article] of articles) {
      const before = this.collection.article(id);
      if (!before) changes.push({ type: 'added', id });
      else if (before.hash !== article.hash) changes.push({ type: 'changed', id });
    }

    const firstLoad = !this.loaded;
    // A rescan that found nothing new leaves the collection (index, order, look-ups) as it is.
    const anyNew = firstLoad || changes.length > 0 || [...articles].some(([id, a]) => this.collection.article(id) !== a);
    if (anyNew) this.collection.replace([...articles.values()]);
    this.files = files;
    this.fileOfId = fileOfId;
    this.loaded = true;
    if (firstLoad) {
      this.logger.info({ dir: this.dir, articles: articles.size, skipped: files.size - articles.size }, 'Articles loaded');
      return;
    }
    for (const change of changes) this.listeners.emit(change);
  }

  private warnSkipped(file: string, reason: SkipReason, detail: string): void {
    if (reason === 'not_a_file' && !file.includes('.')) {
      // A plain subfolder ("archive") is normal; only one named like an article deserves a warning.
      this.logger.debug({ file, reason }, `Ignored ${file} in the articles folder: ${detail}`);
      return;
    }
    this.logger.warn({ file, reason }, `Skipped article file ${file}: ${detail}`);
  }


  private startWatching(): void {
    try {
      this.watcher = watch(this.dir, { persistent: false }, (_event, filename) => {
        if (filename !== null && !isCandidateName(String(filename))) return;
        this.scheduleRefresh();
      });
      this.watcher.on('error', (error) => this.fallBackToPolling(error));
    } catch (error) {
      this.fallBackToPolling(error);
    }
  }

  private scheduleRefresh(): void {
    if (this.closed) return;
    const now = Date.now();
    this.firstEventAt ??= now;
    clearTimeout(this.debounceTimer);
    const delay = Math.max(0, Math.min(DEBOUNCE_MS, this.firstEventAt + MAX_DEBOUNCE_MS - now));
    this.debounceTimer = setTimeout(() => {
      this.firstEventAt = undefined;
      this.refreshInBackground();
    }, delay);
    this.debounceTimer.unref();
  }

  private refreshInBackground(): void {
    this.refresh().catch((error: unknown) => this.logger.error({ err: error }, 'Rescanning the articles folder failed'));
  }

  private fallBackToPolling(error: unknown): void {
    if (this.closed) return;
    this.logger.warn({ dir: this.dir, err: error }, `Cannot watch the articles folder; checking it every ${POLL_MS / 1000} s instead`);
    this.watcher?.close();
    this.watcher = undefined;
    if (this.pollTimer) return;
    this.pollTimer = setInterval(() => this.refreshInBackground(), POLL_MS);
    this.pollTimer.unref();
  }
}
