import 'reflect-metadata';
import { startService } from '#platform';
import { CompaniesAppModule } from './companies-app.module.js';

await startService({ name: 'companies', module: CompaniesAppModule });
