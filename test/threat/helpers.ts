import { readCatalog } from '../../src/cli/catalog-files.js';
import { vehicleFromEntry, type Vehicle } from '../../src/threat/index.js';

export const DEG = Math.PI / 180;
const catalog = readCatalog();

/** A catalog missile compiled for flight. */
export function vehicle(id: string): Vehicle {
  return vehicleFromEntry(catalog.get('missile', id));
}

export const MISSILES = ['scud-b', 'nodong', 'df-21', 'musudan'] as const;
