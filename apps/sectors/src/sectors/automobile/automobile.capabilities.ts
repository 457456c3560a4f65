import type { SectorCapability } from '../sector-definition.js';

/** What a company can do in the automobile sector, as automobile opportunities require it. */
export const AUTOMOBILE_CAPABILITIES: readonly SectorCapability[] = [
  { id: 'vehicle_assembly', label: 'Vehicle assembly', description: 'Final assembly lines for cars, buses or trucks.' },
  { id: 'ckd_skd_kits', label: 'CKD/SKD kits', description: 'Supply of completely or semi-knocked-down vehicle kits and assembly know-how.' },
  { id: 'engine_manufacturing', label: 'Engine manufacturing', description: 'Production of diesel and petrol engines for vehicles.' },
  { id: 'engine_remanufacturing', label: 'Engine remanufacturing', description: 'Rebuilding and overhaul of used vehicle engines.' },
  { id: 'bus_manufacturing', label: 'Bus manufacturing', description: 'City, intercity and tourist buses.' },
  { id: 'truck_manufacturing', label: 'Truck manufacturing', description: 'Light, medium and heavy trucks and chassis.' },
  { id: 'tractor_manufacturing', label: 'Tractor manufacturing', description: 'Agricultural and industrial wheeled tractors.' },
  { id: 'special_vehicle_manufacturing', label: 'Special vehicle manufacturing', description: 'Municipal, construction and other special-purpose vehicles.' },
  { id: 'port_handling_vehicles', label: 'Port handling vehicles', description: 'Heavy cargo-handling vehicles for docks: reach stackers, terminal tractors, heavy forklifts.' },
  { id: 'auto_parts', label: 'Auto parts', description: 'Manufacture or supply of vehicle components and spare parts.' },
  { id: 'wiring_harnesses', label: 'Wiring harnesses', description: 'Vehicle wiring harnesses and electrical components.' },
  { id: 'tyres', label: 'Tyres', description: 'Truck, bus and car tyres.' },
  { id: 'bodywork_painting', label: 'Bodywork and painting', description: 'Body shops, paint lines and corrosion protection.' },
  { id: 'dealer_service_network', label: 'Dealer and service network', description: 'Sales, warranty and service outlets.' },
  { id: 'vehicle_maintenance', label: 'Vehicle maintenance', description: 'Fleet maintenance and repair workshops.' },
  { id: 'fleet_supply', label: 'Fleet supply', description: 'Delivery of complete vehicle fleets with spare parts packages.' },
  { id: 'vehicle_logistics', label: 'Vehicle logistics', description: 'Transport of vehicles and kits by rail, road and sea.' },
  { id: 'quality_certification', label: 'Quality and certification', description: 'Type approval, testing and quality systems.' },
];
