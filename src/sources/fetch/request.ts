import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedAddress, Target } from './target.js';

/**
 * Sends one GET to `target` and resolves with the response head. The connection goes only to
 * `addresses`, the ones the network rule checked: the lookup below hands them to node:net instead
 * of asking DNS again, so a name cannot resolve somewhere else between the check and the connect
 * (DNS rebinding). The URL's host name still goes in the Host header and TLS SNI, so virtual
 * hosting and certificate checks work as for any client.
 */
export function openResponse(target: Target, addresses: readonly CheckedAddress[], headers: OutgoingHttpHeaders, signal: AbortSignal, ca?: string): Promise<IncomingMessage> {
  const lookup: LookupFunction = (_hostname, options, callback) => {
    const first = addresses[0]!;
    // With autoSelectFamily (Node's default), net asks for every address and tries them in turn.
    if (options.all) callback(null, addresses.map(({ address, family }) => ({ address, family })));
    else callback(null, first.address, first.family);
  };
  const { url } = target;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send({
      protocol: url.protocol,
      hostname: target.hostname,
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers,
      lookup,
      // A fresh connection per request: a pooled socket would skip the lookup above.
      agent: false,
      signal,
      // Certificates are always verified (rejectUnauthorized stays Node's default, true); `ca` only
      // says which issuers to trust, for tests with their own certificate.
      ...(ca !== undefined && url.protocol === 'https:' ? { ca } : {}),
    });
    req.once('response', resolve);
    // `on`, not `once`: an abort after the response still emits on req, and must not crash.
    req.on('error', reject);
    req.end();
  });
}
