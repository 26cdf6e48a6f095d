/**
 * A value from a token or configuration as a message quotes it: primitives as `String` writes
 * them, objects and arrays as their JSON. Objects read from JSON text have no prototype (the JSON
 * parser builds them with `Object.create(null)`), so `String` on one throws instead of printing
 * "[object Object]"; a claim of the wrong type must still get the service's refusal.
 */
export function valueText(value: unknown): string {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return String(value);
  try {
    return JSON.stringify(value) ?? Object.prototype.toString.call(value);
  } catch {
    // A cycle or a bigint cannot be JSON; neither comes from a parsed token, but a message must not throw.
    return Object.prototype.toString.call(value);
  }
}
