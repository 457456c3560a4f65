import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, type ServiceProcess } from '#testing';
import { miningCompany } from './support/fixtures.js';
import { Platform } from './support/platform.js';
import { freePort } from './support/rest-client.js';

/**
 * A rolling restart of every service while partners submit 20 companies a second.
 *
 * Each service that runs as a queue group (screening, sectors, companies) gets a replacement
 * process first; once it is ready (its own /health/ready on OPS_PORT), the old one is sent SIGTERM:
 * it stops taking requests, answers those in flight, then closes. Matching, the one consumer of
 * the outboxes, is stopped and started again. The gateway gets a replacement on another port, the
 * clients move to it (as a load balancer would move them), and the old one is stopped.
 *
 * No request may fail other than with 503, every accepted company must be stored, and every one
 * must reach matching.
 */
const RATE_PER_SECOND = 20;

let platform: Platform;
let partner: { id: string; apiKey: string };

interface Outcome {
  status: number | 'network';
  id?: string;
  error?: string;
}

beforeAll(async () => {
  platform = await Platform.start('rolling_restart_e2e', { SHUTDOWN_GRACE_MS: '5000' });
  partner = await platform.createPartner();
}, 120_000);

afterAll(async () => {
  await platform?.stop();
}, 60_000);

async function readyOn(port: number): Promise<void> {
  await eventually(async () => ((await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => null))?.status === 200 ? true : undefined), 60_000, `a replacement to be ready on ${port}`);
}

/** Starts a replacement of a service beside it, waits until it is ready, then stops the old one with SIGTERM. */
async function replace(name: 'screening' | 'sectors' | 'companies'): Promise<number | null> {
  const old = platform.services[name];
  const opsPort = await freePort();
  const replacement = old.replica({ OPS_PORT: String(opsPort) });
  replacement.start();
  await readyOn(opsPort);
  await old.kill('SIGTERM');
  platform.services[name] = replacement;
  return old.exitCode;
}

describe('a rolling restart under 20 submissions a second', () => {
  it('answers nothing but 2xx and 503, loses no accepted company, and every one reaches matching', async () => {
    let target = platform.baseUrl;
    const outcomes: Promise<Outcome>[] = [];
    const submit = (): Promise<Outcome> =>
      fetch(`${target}/v1/companies`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': partner.apiKey },
        body: JSON.stringify(miningCompany()),
      })
        .then(async (r) => ({ status: r.status, id: r.status === 201 ? ((await r.json()) as { id: string }).id : (await r.text(), undefined) }))
        .catch((error: Error) => ({ status: 'network' as const, error: `${error.message} ${(error.cause as Error | undefined)?.message ?? ''}` }));
    const load = setInterval(() => outcomes.push(submit()), 1000 / RATE_PER_SECOND);

    const exits: Record<string, number | null> = {};
    try {
      await new Promise((r) => setTimeout(r, 1000));
      for (const name of ['screening', 'sectors', 'companies'] as const) exits[name] = await replace(name);

      // Matching: stopped, then started again on the same database.
      const matching: ServiceProcess = platform.services.matching;
      await matching.kill('SIGTERM');
      exits.matching = matching.exitCode;
      matching.start();

      // The gateway: a replacement on another port; the clients move to it; the old one stops.
      const oldGateway = platform.services.gateway;
      const port = await freePort();
      const gateway = oldGateway.replica({ PORT: String(port) });
      gateway.start();
      await readyOn(port);
      target = `http://127.0.0.1:${port}`;
      await new Promise((r) => setTimeout(r, 200));
      await oldGateway.kill('SIGTERM');
      exits.gateway = oldGateway.exitCode;
      platform.services.gateway = gateway;
      platform.baseUrl = target;
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      clearInterval(load);
    }
    const results = await Promise.all(outcomes);

    const byStatus: Record<string, number> = {};
    for (const r of results) byStatus[String(r.status)] = (byStatus[String(r.status)] ?? 0) + 1;
    process.stdout.write(`rolling restart: ${results.length} submissions ${JSON.stringify(byStatus)}, exits ${JSON.stringify(exits)}\n`);

    // Every process stopped cleanly, on its own, after SIGTERM.
    expect(exits).toEqual({ screening: 0, sectors: 0, companies: 0, matching: 0, gateway: 0 });
    expect(results.filter((r) => r.status === 'network')).toEqual([]);
    expect(results.filter((r) => typeof r.status === 'number' && r.status >= 500 && r.status !== 503)).toEqual([]);
    expect(results.filter((r) => typeof r.status === 'number' && r.status < 500 && r.status !== 201)).toEqual([]);
    const accepted = results.filter((r) => r.status === 201).map((r) => r.id!);
    expect(accepted.length).toBeGreaterThan(results.length * 0.9);

    await platform.healthy(60_000);
    for (const id of accepted) expect((await platform.get(`/v1/companies/${id}`, partner.apiKey)).status).toBe(200);
    // Each accepted company reaches matching: its listing answers and holds its ranked matches.
    await eventually(
      async () => {
        for (const id of accepted) {
          const r = await platform.get(`/v1/companies/${id}/matches?includeProhibited=true&limit=1`, partner.apiKey);
          if (r.status !== 200 || r.body.items.length === 0) return undefined;
        }
        return true;
      },
      90_000,
      'every accepted company to be matched',
    );
  }, 300_000);
});
