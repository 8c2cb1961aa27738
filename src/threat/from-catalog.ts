/** A missile type from a validated catalog entry, compiled once per entry object. */
import { MissileTypeSchema } from './missile-type.js';
import { Vehicle } from './vehicle.js';

const cache = new WeakMap<object, Vehicle>();

/**
 * The Vehicle of a catalog entry (the object `catalog.get('missile', id)` returns). The entry
 * was validated when the catalog loaded; the loader's bookkeeping key `file` is dropped.
 */
export function vehicleFromEntry(entry: object): Vehicle {
  let v = cache.get(entry);
  if (!v) {
    const { file: _file, ...data } = entry as Record<string, unknown>;
    v = new Vehicle(MissileTypeSchema.parse(data));
    cache.set(entry, v);
  }
  return v;
}
