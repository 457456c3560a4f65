import { ErrorCode, MatchingSubjects, type Caller, type MatchView } from '#contracts';
import { DomainError, RpcError, type MessageBus } from '#platform';

/** Platform staff as services see them: any partner's data. */
export const STAFF: Caller = { partnerId: null, admin: true };

/** A match as staff read it (any partner's); an unknown id is the match's 404. */
export async function staffMatch(bus: MessageBus, id: string): Promise<MatchView> {
  try {
    return await bus.request(MatchingSubjects.matchGet, { id });
  } catch (error) {
    if (error instanceof RpcError && error.code === ErrorCode.NOT_FOUND) throw DomainError.notFound('Match', id);
    throw error;
  }
}
