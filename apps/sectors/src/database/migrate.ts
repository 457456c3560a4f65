import 'reflect-metadata';
import { runMigrateCommand } from '#platform';
import { sectorsDatabase } from './sectors-database.js';

await runMigrateCommand(sectorsDatabase);
