import 'reflect-metadata';
import { startService } from '#platform';
import { ScreeningAppModule } from './screening-app.module.js';

await startService({ name: 'screening', module: ScreeningAppModule });
