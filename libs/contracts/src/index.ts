// The DTO classes below are decorated with class-transformer's @Type, which reads design-time
// metadata as each class is defined: the polyfill must be loaded first, whoever imports contracts.
import 'reflect-metadata';

export * from './common/errors.js';
export * from './common/domain.js';
export * from './common/text.js';
export * from './common/person-evidence.js';
export * from './common/caller.dto.js';
export * from './common/officer-ref.dto.js';
export * from './common/health.js';
export * from './common/outbox.js';
export * from './common/idempotency.js';
export * from './companies/company-profile.dto.js';
export * from './companies/companies.messages.js';
export * from './companies/imports.messages.js';
export * from './companies/webhooks.messages.js';
export * from './companies/officers.messages.js';
export * from './sectors/opportunity.dto.js';
export * from './sectors/sectors.messages.js';
export * from './matching/matching.messages.js';
export * from './subjects.js';
export * from './screening/screening.messages.js';
export * from './screening/party-decision.messages.js';
export * from './screening/sanctions-list.messages.js';
export * from './screening/dismissals.messages.js';
export * from './screening/evidence.messages.js';
export * from './events.js';
