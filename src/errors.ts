/**
 * Errors meant for the person who asked. `code` identifies the case (tests and renderers switch on
 * it), `message` is plain English shown as is, and `params` carries what a renderer needs to say
 * it in the user's language (suggestions, a retry time...).
 */
export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly params: Readonly<Record<string, string | number | readonly string[]>> = {},
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** Every kind of mistake or refusal a user can be told about. */
export type UserErrorCode =
  | 'article_not_found'
  | 'article_ambiguous'
  | 'article_too_large'
  | 'language_unknown'
  | 'translation_unavailable'
  | 'llm_unavailable'
  | 'llm_rate_limited'
  | 'budget_exhausted'
  | 'cooldown'
  | 'invalid_option'
  | 'input_too_long'
  | 'missing_permission'
  | 'subscription_limit'
  | 'subscription_not_found'
  | 'invalid_time'
  | 'invalid_timezone'
  | 'invalid_channel'
  | 'shutting_down'
  | 'storage_unavailable';

/**
 * The store that keeps what a user asked to change (subscriptions) cannot be used right now: Redis
 * down, disk full, the SQLite file deleted. Told to the user as "storage unavailable, try again",
 * never as an unexplained failure, and never as if the change had been made.
 */
export class StorageUnavailableError extends UserError {
  constructor(message: string) {
    super('storage_unavailable', message);
    this.name = 'StorageUnavailableError';
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** A short id that links a user's apology to the log line with the stack trace. */
export function newErrorId(): string {
  return Math.random().toString(36).slice(2, 10);
}
