import os from 'node:os';
import type pg from 'pg';

/** The machine a benchmark ran on, recorded next to its figures. */
export interface MachineDescription {
  cpuModel: string;
  cpuCount: number;
  totalMemoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  nats: string;
}

export async function describeMachine(pool: pg.Pool, natsVersion: string): Promise<MachineDescription> {
  const cpus = os.cpus();
  const version = await pool.query<{ server_version: string }>('SHOW server_version');
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cpuCount: cpus.length,
    totalMemoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres: version.rows[0]?.server_version ?? 'unknown',
    nats: natsVersion,
  };
}
