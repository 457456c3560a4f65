import type { SectorCapability } from '../sector-definition.js';

/** What a company can do in mining, as mining opportunities require it. */
export const MINING_CAPABILITIES: readonly SectorCapability[] = [
  { id: 'geological_survey', label: 'Geological survey', description: 'Prospecting, geophysics, resource estimation and reporting.' },
  { id: 'exploration_drilling', label: 'Exploration drilling', description: 'Core and percussion drilling for exploration.' },
  { id: 'mine_design', label: 'Mine design and engineering', description: 'Feasibility studies, mine planning and design documentation.' },
  { id: 'open_pit_mining', label: 'Open-pit mining', description: 'Stripping, drilling and blasting, excavation in open pits.' },
  { id: 'underground_mining', label: 'Underground mining', description: 'Shaft and drift development and underground extraction.' },
  { id: 'mine_drainage', label: 'Mine drainage', description: 'Dewatering pumps and water management for pits and mines.' },
  { id: 'mine_ventilation', label: 'Mine ventilation', description: 'Main and auxiliary fans, ventilation surveys.' },
  { id: 'mine_safety', label: 'Mine safety', description: 'Gas monitoring, rescue equipment, safety audits and training.' },
  { id: 'mine_electrification', label: 'Mine electrification', description: 'Power distribution, substations and cabling for mines.' },
  { id: 'ore_beneficiation', label: 'Ore beneficiation', description: 'Crushing, grinding, magnetic separation and flotation plants.' },
  { id: 'coal_preparation', label: 'Coal preparation', description: 'Coal washing, screening and grading.' },
  { id: 'magnesite_processing', label: 'Magnesite processing', description: 'Calcining magnesite into caustic and dead-burned magnesia for refractories.' },
  { id: 'mining_equipment_supply', label: 'Mining equipment supply', description: 'Excavators, drills, loaders, crushers and spare parts.' },
  { id: 'mining_equipment_maintenance', label: 'Mining equipment maintenance', description: 'Repair and overhaul of mining machinery.' },
  { id: 'heavy_haulage', label: 'Heavy haulage', description: 'Mining dump trucks and haul-road operations.' },
  { id: 'rail_bulk_logistics', label: 'Rail bulk logistics', description: 'Forwarding of bulk cargo by rail, including across the Khasan–Rajin link.' },
  { id: 'port_bulk_handling', label: 'Port bulk handling', description: 'Operation of bulk terminals: stockyards, stackers, reclaimers, ship loaders.' },
  { id: 'port_cranes', label: 'Port cranes and dock cargo handling', description: 'Heavy cargo-handling equipment for docks: gantry and portal cranes, grabs, conveyors.' },
  { id: 'minerals_trading', label: 'Minerals trading', description: 'Purchase, sale and shipping of ores, concentrates and coal.' },
];
