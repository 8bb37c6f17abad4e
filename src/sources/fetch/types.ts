/** What one fetch ended with. Every outcome is a value: nothing a remote server does throws. */
export type FetchResult = FetchOk | FetchNotModified | FetchRefused | FetchFailed;

export interface FetchOk {
  kind: 'ok';
  status: number;
  /** The URL after redirects, without credentials or fragment. */
  url: string;
  /** The body decompressed and decoded to text. */
  body: string;
  /** The Content-Type header as sent, '' when there was none. */
  contentType: string;
  /** Validators to store and send back exactly on the next fetch. */
  etag?: string;
  lastModified?: string;
}

/** The server confirmed the stored copy (304) for the validators the caller sent. */
export interface FetchNotModified {
  kind: 'not_modified';
}

/** Herald would not send the request at all: the user's mistake, answered without retrying. */
export interface FetchRefused {
  kind: 'refused';
  reason: 'private_address' | 'not_http' | 'bad_url';
}

/** The request was sent (or attempted) and did not give a page. */
export interface FetchFailed {
  kind: 'failed';
  reason: FailureReason;
  /** The HTTP status, when one was received. */
  status?: number;
  /** From Retry-After on 429/503: how long the server asked Herald to wait. */
  retryAfterMs?: number;
}

export type FailureReason =
  | 'not_found'
  | 'http_error'
  | 'timeout'
  | 'too_large'
  | 'too_many_redirects'
  | 'redirect_loop'
  | 'network'
  | 'rate_limited'
  // The server's TLS certificate was not trusted (self-signed, expired, another host's name).
  | 'certificate'
  // The caller's signal ended the fetch (shutdown), not the server.
  | 'aborted';

export interface FetchRequest {
  /** Validators from the last `ok` result, sent back exactly as stored. */
  etag?: string;
  lastModified?: string;
  /** The Accept header; `*\/*` when not given. */
  accept?: string;
  signal?: AbortSignal;
}

/** Every address a host name resolves to, as IP literals. */
export type Resolve = (hostname: string) => Promise<readonly string[]>;
