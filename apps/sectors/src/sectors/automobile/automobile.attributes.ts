import { defineSectorAttributes } from '../attribute-schema.js';

/** Attributes of an automobile opportunity. */
export const AUTOMOBILE_ATTRIBUTES = defineSectorAttributes('automobile', {
  vehicleSegment: {
    type: 'enum',
    required: true,
    values: ['passenger_car', 'bus', 'truck', 'tractor', 'special_vehicle', 'parts'],
    description: 'The kind of vehicle or product concerned.',
  },
  activity: {
    type: 'enum',
    required: true,
    values: ['assembly', 'parts', 'service', 'supply'],
    description: 'Assembly of vehicles, making or supplying parts, servicing, or supply of finished vehicles.',
  },
  annualUnits: { type: 'number', required: false, integer: true, greaterThan: 0, atMost: 100_000_000, description: 'Vehicles or kits a year.' },
  fuelType: { type: 'enum', required: false, values: ['diesel', 'petrol', 'cng', 'electric', 'hybrid'], description: 'Powertrain of the vehicles.' },
  localContentPct: { type: 'number', required: false, atLeast: 0, atMost: 100, description: 'Share of value to be produced locally, in percent.' },
});
