import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadRuleSet, type RuleSet } from '../domain/rules/index.js';
import { SCREENING_CONFIG, type ScreeningConfig } from '../screening.config.js';

/** The versioned sectoral rules file, validated at start: a bad file stops the service rather than screening with no rules. */
@Injectable()
export class RuleSetProvider {
  private readonly rules: RuleSet;
  /** SHA-256 of the rules file's bytes, as evidence packs cite it. */
  readonly sha256: string;

  constructor(@Inject(SCREENING_CONFIG) config: ScreeningConfig) {
    const bytes = readFileSync(config.RULES_PATH);
    this.sha256 = createHash('sha256').update(bytes).digest('hex');
    this.rules = loadRuleSet(bytes.toString('utf8'));
  }

  ruleSet(): RuleSet {
    return this.rules;
  }
}
