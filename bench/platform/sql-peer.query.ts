import type pg from 'pg';
import type { SectorView } from '#contracts';

/**
 * The peer a user could pick instead of the platform: one company's best opportunities computed
 * by a single SQL query over the companies and opportunities tables, on demand. It approximates
 * the seven criteria of the engine closely:
 *
 * - capability coverage: share of required capabilities the company lists (0.5 when none required);
 * - product fit: per required HS code the best credit of the company's codes (1 inside it, 0.7 same
 *   heading, 0.4 same chapter), averaged;
 * - activity fit: per required OKVED2 code the best credit (1 inside it, else 0.9/0.8/0.6/0.4 by the
 *   longest shared prefix of 5/4/3/2 digits), averaged; opportunities without OKVED2 codes get 0.5
 *   (the engine falls back to sector defaults; the generated catalogue always lists codes);
 * - scale fit: the engine's Gaussian band on log10(deal / revenue in USD at 90 RUB/USD) and on
 *   log10(deal / employees × 100,000 USD), weighted 0.8 / 0.2;
 * - proximity: haversine distance, 1 up to 300 km, raised-cosine fall on a log scale to 0 at
 *   6,000 km, +0.15 (capped at 1) for Primorye and neighbours when the site is within 150 km of Rajin;
 * - settlement: 1 when both sides take RUB, 0.6 when another currency is offered, 0.2 otherwise;
 * - export experience: normalised 1 − e^(−0.275·years), full from 10 years.
 *
 * Scores are 100 × Σ weight × value with the sectors' own weights, rounded to 2 decimals; the
 * best `limit` at or above `floor` are returned. No explanation strings are built.
 */
export const SQL_PEER_QUERY = `
WITH c AS (
  SELECT id, sectors, capabilities, hs_codes, lat, lon, employees, annual_revenue_rub AS revenue,
         export_experience_years AS years, accepts_rub_settlement AS rub,
         lower(region) ~ '(primor|khabarov|jewish|yevrei|evrei|amur|примор|хабаров|еврей|амур)' AS near_rajin,
         ARRAY(SELECT replace(k, '.', '') FROM unnest(okved) k) AS okved_keys
    FROM companies.company WHERE id = $1
), w AS (
  SELECT * FROM jsonb_to_recordset($2::jsonb) AS w(sector text, capability_coverage float8, product_fit float8,
    activity_fit float8, scale_fit float8, proximity float8, settlement float8, export_experience float8)
), v AS (
  SELECT o.id, o.sector, w.capability_coverage, w.product_fit, w.activity_fit, w.scale_fit, w.proximity, w.settlement,
    w.export_experience,
    CASE WHEN cardinality(o.required_capabilities) = 0 THEN 0.5
         ELSE (SELECT count(*) FROM unnest(o.required_capabilities) r WHERE r = ANY (c.capabilities))::float8
              / cardinality(o.required_capabilities) END AS cap_v,
    CASE WHEN cardinality(o.hs_codes) = 0 THEN 0.5
         ELSE (SELECT avg(coalesce((SELECT max(CASE WHEN h LIKE r || '%' THEN 1.0
                                                  WHEN length(r) = 6 AND left(h, 4) = left(r, 4) THEN 0.7
                                                  WHEN length(r) >= 4 AND left(h, 2) = left(r, 2) THEN 0.4
                                                  ELSE 0 END) FROM unnest(c.hs_codes) h), 0))
                 FROM unnest(o.hs_codes) r) END AS prod_v,
    CASE WHEN cardinality(o.okved) = 0 THEN 0.5
         WHEN cardinality(c.okved_keys) = 0 THEN 0
         ELSE (SELECT avg(coalesce((SELECT max(CASE WHEN k LIKE rk || '%' THEN 1.0
                                               ELSE (SELECT CASE max(n) WHEN 2 THEN 0.4 WHEN 3 THEN 0.6 WHEN 4 THEN 0.8 ELSE 0.9 END
                                                       FROM generate_series(2, least(length(k), length(rk))) n
                                                      WHERE left(k, n) = left(rk, n)) END)
                                      FROM unnest(c.okved_keys) k), 0))
                 FROM (SELECT replace(x, '.', '') AS rk FROM unnest(o.okved) x) req) END AS act_v,
    CASE WHEN NOT (o.size_usd > 0) THEN 0.5
         WHEN c.revenue > 0 AND c.employees > 0 THEN 0.8 * s.rev_fit + 0.2 * s.staff_fit
         WHEN c.revenue > 0 THEN s.rev_fit
         WHEN c.employees > 0 THEN s.staff_fit
         ELSE 0 END AS scale_v,
    CASE WHEN c.lat IS NULL OR c.lon IS NULL THEN 0.3
         ELSE least(1, (CASE WHEN g.km <= 300 THEN 1 WHEN g.km >= 6000 THEN 0
                             ELSE 0.5 * (1 + cos(pi() * ln(g.km / 300) / ln(20))) END)
                       + CASE WHEN c.near_rajin AND g.rajin_km <= 150 THEN 0.15 ELSE 0 END) END AS prox_v,
    CASE WHEN cardinality(o.settlement_currencies) = 0 THEN 0.5
         WHEN c.rub AND 'RUB' = ANY (o.settlement_currencies) THEN 1
         WHEN EXISTS (SELECT 1 FROM unnest(o.settlement_currencies) x WHERE x <> 'RUB') THEN 0.6
         ELSE 0.2 END AS settle_v,
    CASE WHEN c.years <= 0 THEN 0 WHEN c.years >= 10 THEN 1
         ELSE (1 - exp(-0.275 * c.years)) / (1 - exp(-2.75)) END AS exp_v
  FROM c
  JOIN sectors.opportunity o ON o.sector = ANY (c.sectors)
  JOIN w ON w.sector = o.sector
  CROSS JOIN LATERAL (
    SELECT (o.site->>'lat')::float8 AS lat, (o.site->>'lon')::float8 AS lon
  ) site
  CROSS JOIN LATERAL (
    SELECT 2 * 6371.0088 * asin(sqrt(least(1, sin(radians(site.lat - c.lat) / 2) ^ 2
             + cos(radians(c.lat)) * cos(radians(site.lat)) * sin(radians(site.lon - c.lon) / 2) ^ 2))) AS km,
           2 * 6371.0088 * asin(sqrt(least(1, sin(radians(site.lat - 42.25) / 2) ^ 2
             + cos(radians(42.25)) * cos(radians(site.lat)) * sin(radians(site.lon - 130.3) / 2) ^ 2))) AS rajin_km
  ) g
  CROSS JOIN LATERAL (
    SELECT log(greatest(o.size_usd, 1)) - log(greatest(c.revenue, 1)) + log(90) AS lr,
           log(greatest(o.size_usd, 1)) - log(greatest(c.employees, 1) * 100000.0) AS ls
  ) l
  CROSS JOIN LATERAL (
    SELECT CASE WHEN l.lr > 0 THEN exp(-((l.lr / 0.8) ^ 2))
                WHEN l.lr < log(0.05) THEN exp(-(((log(0.05) - l.lr) / 1.5) ^ 2)) ELSE 1 END AS rev_fit,
           CASE WHEN l.ls > 0 THEN exp(-((l.ls / 0.8) ^ 2))
                WHEN l.ls < log(0.05) THEN exp(-(((log(0.05) - l.ls) / 1.5) ^ 2)) ELSE 1 END AS staff_fit
  ) s
)
SELECT id, sector, round((100 * (capability_coverage * cap_v + product_fit * prod_v + activity_fit * act_v
         + scale_fit * scale_v + proximity * prox_v + settlement * settle_v + export_experience * exp_v))::numeric, 2) AS score
  FROM v
 WHERE round((100 * (capability_coverage * cap_v + product_fit * prod_v + activity_fit * act_v + scale_fit * scale_v
         + proximity * prox_v + settlement * settle_v + export_experience * exp_v))::numeric, 2) >= $3
 ORDER BY score DESC, id
 LIMIT $4`;

/** The rubric weights of every sector in the shape the query takes. */
export function rubricWeights(sectors: readonly SectorView[]): string {
  return JSON.stringify(sectors.map((s) => ({ sector: s.id, ...Object.fromEntries(s.criteria.map((c) => [c.id, c.weight])) })));
}

/** Runs the peer query for one company. */
export async function sqlPeerMatches(
  pool: pg.Pool,
  companyId: string,
  weights: string,
  floor: number,
  limit: number,
): Promise<{ id: string; sector: string; score: number }[]> {
  const result = await pool.query<{ id: string; sector: string; score: string }>(SQL_PEER_QUERY, [companyId, weights, floor, limit]);
  return result.rows.map((r) => ({ id: r.id, sector: r.sector, score: Number(r.score) }));
}
