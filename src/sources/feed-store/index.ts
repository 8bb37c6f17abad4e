/** News feeds as articles: stored feeds and items, one poll of a feed, stable ids. */
export { FeedStore, type FeedArticlesChange, type FeedChangeListener } from './store.js';
export { fetchFeed, refreshFeed, type FeedErrorCode, type FetchedFeed, type RefreshDeps, type RefreshOutcome } from './refresh.js';
export { DEFAULT_RETENTION, type Retention } from './merge.js';
export { MAX_ARTICLE_ID } from './article-id.js';
export { OPERATOR_SCOPE, type FeedRecord, type FeedScope, type StoredItem } from './types.js';
