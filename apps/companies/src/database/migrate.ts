import 'reflect-metadata';
import { runMigrateCommand } from '#platform';
import { companiesDatabase } from './companies-database.js';

await runMigrateCommand(companiesDatabase);
