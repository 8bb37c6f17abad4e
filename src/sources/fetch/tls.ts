/**
 * Certificate failures, told apart from other network errors: "the site's certificate is not
 * trusted" is something an admin can act on (or tell the site), "could not be reached" is not.
 */

/** OpenSSL's verify errors and Node's host name check, by the code Node puts on the error. */
const CERTIFICATE_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|UNABLE_TO_DECRYPT_CERT|INVALID_CA|HOSTNAME_MISMATCH/;

/** Whether a request failed because the server's certificate was not accepted. */
export function isCertificateError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' && CERTIFICATE_CODES.test(code);
}
