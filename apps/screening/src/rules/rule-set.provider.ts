import { Inject, Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { loadRuleSet, type RuleSet } from '../domain/rules/index.js';
import { SCREENING_CONFIG, type ScreeningConfig } from '../screening.config.js';

/** The versioned sectoral rules file, validated at start: a bad file stops the service rather than screening with no rules. */
@Injectable()
export class RuleSetProvider {
  private readonly rules: RuleSet;

  constructor(@Inject(SCREENING_CONFIG) config: ScreeningConfig) {
    this.rules = loadRuleSet(readFileSync(config.RULES_PATH, 'utf8'));
  }

  ruleSet(): RuleSet {
    return this.rules;
  }
}
