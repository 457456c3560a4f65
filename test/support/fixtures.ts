/** Valid organisation INNs (10 digits, check digit per the official weights) generated from a 9-digit stem. */
export function innFrom(stem: number): string {
  const digits = String(stem).padStart(9, '0').slice(0, 9).split('').map(Number);
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const check = (digits.reduce((sum, d, i) => sum + d * weights[i], 0) % 11) % 10;
  return digits.join('') + String(check);
}

let counter = Math.floor(Math.random() * 1_000_000);

/** A plausible mining-equipment maker from Primorsky Krai; override any field. */
export function miningCompany(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    name: `OOO Primorye Gornoe Mashinostroenie ${counter}`,
    inn: innFrom(254000000 + counter),
    region: 'Primorsky Krai',
    city: 'Vladivostok',
    sectors: ['mining'],
    okved: ['28.92', '07.10'],
    hsCodes: ['8429', '842952', '2601'],
    capabilities: ['open_pit_mining', 'ore_beneficiation'],
    employees: 850,
    annualRevenueRub: 4_200_000_000,
    exportExperienceYears: 6,
    acceptsRubSettlement: true,
    directors: [{ name: 'Ivan Petrov' }],
    ...overrides,
  };
}

/** A mining opportunity every sector check accepts (it supplies the DPRK, so it is prohibited); override any field. */
export function miningOpportunity(overrides: Record<string, unknown> = {}) {
  return {
    sector: 'mining',
    title: 'Ore beneficiation line near Musan',
    description: 'Opportunity created by a test.',
    site: { name: 'Musan', lat: 42.2306, lon: 129.2256 },
    counterparty: { name: 'Musan ore works operator', contact: 'ore@example.invalid' },
    requiredCapabilities: ['open_pit_mining'],
    hsCodes: ['842952'],
    direction: 'supply_to_dprk',
    structure: 'contract',
    sizeUsd: 1_000_000,
    settlementCurrencies: ['RUB'],
    attributes: { mineral: 'iron_ore', annualTonnage: 500000 },
    ...overrides,
  };
}

/** A mining opportunity the fixture company fits well (its capabilities and HS code), so it is among its stored matches; override any field. */
export function fittingMiningOpportunity(overrides: Record<string, unknown> = {}) {
  return miningOpportunity({
    title: 'Test opportunity',
    counterparty: { name: 'Northern ore works operator', contact: 'ore-works@example.invalid' },
    requiredCapabilities: ['open_pit_mining', 'ore_beneficiation'],
    sizeUsd: 20_000_000,
    ...overrides,
  });
}
