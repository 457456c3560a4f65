import 'reflect-metadata';
import { startService } from '#platform';
import { MatchingAppModule } from './matching-app.module.js';

await startService({ name: 'matching', module: MatchingAppModule.register() });
