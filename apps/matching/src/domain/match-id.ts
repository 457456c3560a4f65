import { hash } from 'node:crypto';

/** A stable UUID (version 5 layout) for the match of a company and an opportunity (one-shot hash: made for every match stored). */
export function matchId(companyId: string, opportunityId: string): string {
  const h = hash('sha1', `tumen.match:${companyId}:${opportunityId}`, 'buffer');
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
