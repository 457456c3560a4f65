import { lookup as dnsLookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/**
 * OWASP API7 (server-side request forgery): a partner's URL must not make the platform call into its
 * own network. A webhook URL is http(s), carries no credentials, and its host resolves only to public
 * unicast addresses — every address, so that a name with one public and one private answer cannot
 * pick the private one later. It is checked when the endpoint is registered and again before each
 * attempt (a name may resolve elsewhere by then: DNS rebinding), and the request connects to the
 * address that was checked, not to a second resolution of the name.
 */

/** The range of an address as ipaddr.js classifies it: `unicast` is public; `private`, `loopback`, `linkLocal`… are not. IPv4-mapped IPv6 is classified as its IPv4. */
export function addressRange(address: string): string {
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) return (parsed as ipaddr.IPv6).toIPv4Address().range();
  return parsed.range();
}

export function isPublicAddress(address: string): boolean {
  return ipaddr.isValid(address) && addressRange(address) === 'unicast';
}

/** Why a URL is refused, as the `url` field's reason. */
export class WebhookUrlError extends Error {}

export interface ResolvedTarget {
  url: URL;
  /** The address to connect to: checked, and the only one used. */
  address: string;
  family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * Parses and checks a webhook URL and resolves its host. With `allowPrivate` (tests, and private
 * deployments that deliver inside their own network) any address goes; the scheme and credentials
 * rules still hold.
 */
export async function resolveWebhookTarget(raw: string, allowPrivate: boolean, resolve: Resolver = systemResolver): Promise<ResolvedTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookUrlError('must be an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WebhookUrlError('must use http or https');
  if (url.username || url.password) throw new WebhookUrlError('must not carry credentials');
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  let answers: { address: string; family: number }[];
  if (ipaddr.isValid(host)) answers = [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }];
  else {
    try {
      answers = await resolve(host);
    } catch {
      throw new WebhookUrlError(`host ${host} does not resolve`);
    }
  }
  if (!answers.length) throw new WebhookUrlError(`host ${host} does not resolve`);
  if (!allowPrivate) {
    const refused = answers.find((a) => !isPublicAddress(a.address));
    if (refused) throw new WebhookUrlError(`must resolve to public addresses only; ${host} resolves to ${refused.address} (${addressRange(refused.address)})`);
  }
  const chosen = answers[0]!;
  return { url, address: chosen.address, family: chosen.family === 6 ? 6 : 4 };
}
