import { Inject, Injectable } from '@nestjs/common';
import {
  CompaniesSubjects,
  ScreeningSubjects,
  type DismissalBody,
  type DismissalView,
  type MatchView,
} from '#contracts';
import { DomainError, MESSAGE_BUS, type MessageBus } from '#platform';
import { STAFF, staffMatch } from '../matches/staff-match.js';
import type { OfficerIdentity } from '../auth/api-key.guard.js';

/**
 * Records an officer's dismissal of one possible hit of a match: checks that the match shows that
 * hit, takes the party's date of birth and nationality as they stand (a change to either later
 * voids the dismissal), and asks screening to record it.
 */
@Injectable()
export class DismissalsService {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  async dismiss(officer: OfficerIdentity, matchId: string, body: DismissalBody): Promise<DismissalView> {
    const match = await staffMatch(this.bus, matchId);
    const hit = match.compliance.listHits.find((h) => h.party === body.party && h.name === body.name && h.referenceNumber.toUpperCase() === body.referenceNumber.toUpperCase());
    if (!hit) {
      throw DomainError.validation([
        { field: 'referenceNumber', reason: `match ${matchId} shows no hit of ${body.party} "${body.name}" on ${body.referenceNumber} (its hits: ${describeHits(match)})` },
      ]);
    }
    const secondary = body.party === 'owner' || body.party === 'director' ? await this.person(match.companyId, body.party, body.name) : {};
    return this.bus.request(ScreeningSubjects.dismissalCreate, {
      ...body,
      referenceNumber: hit.referenceNumber,
      officer,
      matchId: match.id,
      subjectKind: body.party === 'counterparty' ? 'opportunity' : 'company',
      subjectId: body.party === 'counterparty' ? match.opportunityId : match.companyId,
      ...secondary,
    });
  }

  /** An owner's or director's date of birth and nationality, where the profile gives them. */
  private async person(companyId: string, party: 'owner' | 'director', name: string): Promise<{ dateOfBirth?: string; nationality?: string }> {
    const company = await this.bus.request(CompaniesSubjects.companyGet, { caller: STAFF, id: companyId });
    const people = (party === 'owner' ? company.owners : company.directors) as { name: string; dateOfBirth?: string; nationality?: string }[];
    const person = people.find((p) => p.name === name);
    return {
      ...(person?.dateOfBirth ? { dateOfBirth: person.dateOfBirth } : {}),
      ...(person?.nationality ? { nationality: person.nationality } : {}),
    };
  }
}

function describeHits(match: MatchView): string {
  const hits = match.compliance.listHits;
  return hits.length ? hits.map((h) => `${h.party} "${h.name}" on ${h.referenceNumber} (${h.strength})`).join(', ') : 'none';
}
