/** A V8 CPU profile as `.cpuprofile` files hold it. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a profile's time went: by area of code and by function, self time in milliseconds. */
export interface ProfileSummary {
  totalMs: number;
  byArea: { area: string; ms: number; pct: number }[];
  topFunctions: { fn: string; ms: number; pct: number }[];
}

/** The area a frame belongs to: a package, a compiled folder of the project, node internals or a V8 pseudo-frame. */
export function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const own = /dist\/((?:apps|libs)\/[^/]+\/src\/[^/]+)/.exec(url);
  if (own) return own[1]!;
  return url.replace(/^file:\/\//, '').split('/').slice(-2).join('/');
}

/** Self time of a profile grouped by area and by function (the `top` heaviest). */
export function summariseProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const area = areaOf(frame.url, frame.functionName);
    const fn = `${frame.functionName || '(anonymous)'} ${area}:${frame.lineNumber + 1}`;
    areas.set(area, (areas.get(area) ?? 0) + us);
    functions.set(fn, (functions.get(fn) ?? 0) + us);
    total += us;
  }
  const rank = (m: Map<string, number>) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).map(([k, us]) => ({ k, ms: us / 1000, pct: total ? (100 * us) / total : 0 }));
  return {
    totalMs: total / 1000,
    byArea: rank(areas).slice(0, top).map(({ k, ms, pct }) => ({ area: k, ms, pct })),
    topFunctions: rank(functions).slice(0, top).map(({ k, ms, pct }) => ({ fn: k, ms, pct })),
  };
}
