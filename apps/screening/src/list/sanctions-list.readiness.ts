import { Inject, Injectable } from '@nestjs/common';
import type { ReadinessCheck } from '#platform';
import { SCREENING_CONFIG, type ScreeningConfig } from '../screening.config.js';
import { SanctionsListService } from './sanctions-list.service.js';

/** Screening is ready only with a list in force, confirmed current within LIST_MAX_AGE_DAYS. */
@Injectable()
export class SanctionsListReadiness implements ReadinessCheck {
  readonly key = 'list';

  constructor(
    private readonly list: SanctionsListService,
    @Inject(SCREENING_CONFIG) private readonly config: ScreeningConfig,
  ) {}

  check(): Record<string, unknown> {
    const version = this.list.snapshot()?.version ?? null;
    const ageSeconds = this.list.listAgeSeconds();
    const maxAgeSeconds = this.config.LIST_MAX_AGE_DAYS * 86_400;
    if (version === null || ageSeconds === null) throw new Error('no list in force: every verdict is review');
    if (ageSeconds > maxAgeSeconds) throw new Error(`the list in force (${version}) was last confirmed current ${Math.floor(ageSeconds / 86_400)} days ago, over ${this.config.LIST_MAX_AGE_DAYS}`);
    return { version, ageSeconds };
  }
}
