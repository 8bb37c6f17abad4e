import { englishText } from './i18n/failure-texts.js';
import type { UserErrorCode, UserErrorParams } from './error-codes.js';

export type { ChannelProblemReason, PermissionName, UserErrorCode, UserErrorParams } from './error-codes.js';

/** The params argument: left out for codes that need none. */
type ParamsArgument<C extends UserErrorCode> = keyof UserErrorParams[C] extends never ? [] : [params: UserErrorParams[C]];

/**
 * Errors meant for the person who asked. `code` identifies the case (tests and renderers switch on
 * it) and `params` carries what its catalog entry needs. `message` is the English text, for logs.
 */
export class UserError<C extends UserErrorCode = UserErrorCode> extends Error {
  readonly params: UserErrorParams[C];

  constructor(
    readonly code: C,
    ...[params]: ParamsArgument<C>
  ) {
    const values = (params ?? {}) as UserErrorParams[C];
    super(englishText(code, values));
    this.params = values;
    this.name = 'UserError';
  }
}

/**
 * The store that keeps what a user asked to change (subscriptions) cannot be used right now: Redis
 * down, disk full, the SQLite file deleted. Told to the user as "storage unavailable, try again",
 * never as an unexplained failure, and never as if the change had been made. `detail` (what failed,
 * for the log) replaces the message.
 */
export class StorageUnavailableError extends UserError<'storage_unavailable'> {
  constructor(detail: string) {
    super('storage_unavailable');
    this.message = detail;
    this.name = 'StorageUnavailableError';
  }
}

/** Whether `error` is a UserError; with `code`, one of that code (its params typed). */
export function isUserError<C extends UserErrorCode = UserErrorCode>(error: unknown, code?: C): error is UserError<C> {
  return error instanceof UserError && (code === undefined || error.code === code);
}

/** A short id that links a user's apology to the log line with the stack trace. */
export function newErrorId(): string {
  return Math.random().toString(36).slice(2, 10);
}
