import type { SectorCapability } from '../sector-definition.js';

/** What a company can do in the electricity sector, as electricity opportunities require it. */
export const ELECTRICITY_CAPABILITIES: readonly SectorCapability[] = [
  { id: 'hydro_generation', label: 'Hydro generation', description: 'Design, construction and operation of hydropower stations.' },
  { id: 'hydro_turbines', label: 'Hydro turbines and generators', description: 'Manufacture and refurbishment of hydraulic turbines and generators.' },
  { id: 'thermal_generation', label: 'Thermal generation', description: 'Design, construction and operation of thermal power plants.' },
  { id: 'coal_fired_plant_rehab', label: 'Coal-fired plant rehabilitation', description: 'Boiler, turbine and auxiliary rehabilitation of coal-fired units.' },
  { id: 'power_plant_maintenance', label: 'Power plant maintenance', description: 'Overhaul and repair services for generating equipment.' },
  { id: 'grid_construction', label: 'Grid construction', description: 'Construction of overhead lines and cable networks.' },
  { id: 'transmission_lines_220kv', label: 'Transmission lines 220 kV and above', description: 'Design and construction of high-voltage transmission lines.' },
  { id: 'distribution_networks', label: 'Distribution networks', description: 'Medium- and low-voltage distribution networks (6–35 kV).' },
  { id: 'substation_equipment', label: 'Substation equipment', description: 'Design, supply and installation of substations.' },
  { id: 'power_transformers', label: 'Power transformers', description: 'Manufacture and supply of power transformers.' },
  { id: 'switchgear', label: 'Switchgear', description: 'High- and medium-voltage switchgear and protection relays.' },
  { id: 'power_cables', label: 'Power cables and conductors', description: 'Overhead conductors and power cables.' },
  { id: 'solar_pv', label: 'Solar PV', description: 'Photovoltaic modules, inverters and solar park construction.' },
  { id: 'wind', label: 'Wind power', description: 'Wind turbines and wind farm construction.' },
  { id: 'cross_border_interconnector', label: 'Cross-border interconnector', description: 'Interconnection lines and metering between national grids.' },
  { id: 'dispatch_automation', label: 'Dispatch and automation', description: 'SCADA, dispatch centres and metering systems.' },
  { id: 'energy_audit', label: 'Energy audit', description: 'Loss analysis and efficiency audits of grids and plants.' },
  { id: 'port_electrification', label: 'Port electrification', description: 'Power supply for electric port cranes and dock cargo-handling equipment.' },
];
