import 'reflect-metadata';
import { runMigrateCommand } from '#platform';
import { screeningDatabase } from './screening-database.js';

await runMigrateCommand(screeningDatabase);
