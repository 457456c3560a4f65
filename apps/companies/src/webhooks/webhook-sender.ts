import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedTarget } from './public-address.js';

/** What a receiver says back is read this far and dropped: only its status matters. */
const MAX_ANSWER_BYTES = 64 * 1024;

export interface SendResult {
  statusCode: number | null;
  error: string | null;
}

/**
 * POSTs a signed body to the address that was checked (the host name still goes in Host and in
 * TLS's SNI and certificate check). Written on node:http rather than fetch because fetch offers no
 * way to pin the connection to an address already resolved and checked; and like every request
 * here it never follows a redirect: a 3xx is the receiver's answer, and a failure.
 */
export function postWebhook(target: ResolvedTarget, headers: Record<string, string>, body: string, timeoutMs: number): Promise<SendResult> {
  const pinned: LookupFunction = (_host, options, callback) => {
    if (options.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const client = target.url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const request = client.request(
      target.url,
      {
        method: 'POST',
        lookup: pinned,
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Tumen-Webhooks/1', ...headers },
        signal: AbortSignal.timeout(timeoutMs),
        agent: false,
      },
      (response) => {
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) response.destroy();
        });
        const done = () => resolve({ statusCode: response.statusCode ?? null, error: null });
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      const timedOut = error.name === 'AbortError' || error.name === 'TimeoutError';
      resolve({ statusCode: null, error: timedOut ? `no answer within ${timeoutMs} ms` : error.code ? `${error.code}: ${error.message}` : error.message });
    });
    request.end(body);
  });
}
