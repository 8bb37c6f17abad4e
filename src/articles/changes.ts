import type { Logger } from '../log.js';

/** An article that appeared, changed its text, or disappeared. */
export interface ArticleChange {
  type: 'added' | 'changed' | 'removed';
  id: string;
}

/** Called after the articles already reflect the change. */
export type ArticleChangeListener = (change: ArticleChange) => void;

/** The listeners of an article source; one failing listener neither stops the others nor the source. */
export class ArticleChangeListeners {
  private readonly listeners = new Set<ArticleChangeListener>();

  constructor(private readonly logger: Logger) {}

  /** Subscribes; returns the unsubscribe function. */
  add(listener: ArticleChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(change: ArticleChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        this.logger.error({ err: error, change }, 'An article change listener failed');
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
