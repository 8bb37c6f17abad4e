/** The article store: loading, searching, resolving and watching the articles folder. */
export { ArticleStore, DEFAULT_MAX_BYTES, type ArticleChange, type ArticleChangeListener, type ArticleStoreOptions } from './store.js';
export { foldText } from './normalize.js';
export { articleBody, type Article, type ArticleMatch, type ArticleSource } from './types.js';
