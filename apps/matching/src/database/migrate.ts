import 'reflect-metadata';
import { runMigrateCommand } from '#platform';
import { matchingDatabase } from './matching-database.js';

await runMigrateCommand(matchingDatabase);
