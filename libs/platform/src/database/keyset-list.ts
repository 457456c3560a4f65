import type { ListPage } from '#contracts';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { fitToBytes } from '../rpc/byte-budget.js';
import { CREATED_KEY, cursorPage, decodeCursor } from './cursor.js';

export interface ListPageQuery {
  limit: number;
  /** The cursor of the page before (its `nextCursor`). */
  after?: string;
  /** @deprecated the offset way, kept for one version: answers the offset page's fields too. */
  offset?: number;
}

/**
 * A page of an entity's rows in creation order, `(created_at, id)`, from a query that already holds
 * the caller's filter (a partner, a sector). By key, the next page starts strictly after the last
 * row given, through the composite index the list needs, with no OFFSET scan; by the deprecated
 * offset it also counts the rows. Either way the page keeps under the reply's byte budget.
 */
export async function listByKey<E extends ObjectLiteral, T>(query: SelectQueryBuilder<E>, page: ListPageQuery, view: (entity: E) => T): Promise<ListPage<T>> {
  const a = query.alias;
  const key = decodeCursor(page.after, CREATED_KEY);
  query.addSelect(`${a}.created_at::text`, 'key_at').orderBy(`${a}.created_at`, 'ASC').addOrderBy(`${a}.id`, 'ASC');
  if (key) query.andWhere(`(${a}.created_at, ${a}.id) > (CAST(:keyAt AS timestamptz), CAST(:keyId AS uuid))`, { keyAt: key[0], keyId: key[1] });
  const total = page.offset === undefined ? undefined : await query.getCount();
  if (page.offset !== undefined) query.offset(page.offset);
  const { entities, raw } = await query.limit(page.limit + 1).getRawAndEntities<{ key_at: string }>();
  const rows = entities.map((entity, i) => ({ entity, at: raw[i]!.key_at }));
  const cut = cursorPage(rows, page.limit, (r) => [r.at, String(r.entity.id)], (r) => view(r.entity), fitToBytes);
  if (page.offset === undefined || total === undefined) return cut;
  const offset = page.offset;
  return { ...cut, total, limit: page.limit, offset, nextOffset: offset + cut.items.length < total ? offset + cut.items.length : null };
}
