import { ErrorCode, SECTOR_IDS, sectorSubjects, type OpportunitySummary, type OpportunityView, type SectorId } from '#contracts';
import { DomainError, RpcError, type MessageBus } from '#platform';

/**
 * Opportunity ids do not name their sector, and each sector may run as its own service, so a
 * lookup asks every sector at once. Found wins; if none has it and one could not answer, the
 * answer is that failure (not a false 404).
 */
export async function locateOpportunity(
  bus: MessageBus,
  id: string,
  withContact: boolean,
): Promise<OpportunityView | OpportunitySummary> {
  const answers = await Promise.allSettled(
    SECTOR_IDS.map((sector: SectorId) => bus.request(sectorSubjects(sector).opportunityGet, { id, withContact })),
  );
  const found = answers.find((a) => a.status === 'fulfilled');
  if (found) return (found as PromiseFulfilledResult<OpportunityView | OpportunitySummary>).value;
  const failure = answers
    .map((a) => (a as PromiseRejectedResult).reason)
    .find((reason) => !(reason instanceof RpcError && reason.code === ErrorCode.NOT_FOUND));
  if (failure) throw failure;
  throw DomainError.notFound('Opportunity', id);
}
