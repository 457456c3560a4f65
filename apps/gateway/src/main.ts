import 'reflect-metadata';
import { startGateway } from './start-gateway.js';

await startGateway();
