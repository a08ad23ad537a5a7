// One instance per process. Next.js evaluates a module once per bundle (proxy, each route,
// the server entry) and again on every dev reload, so module-level state would be copied:
// the key cache, the listeners, the writers and the pool live on globalThis instead.
const store = globalThis as typeof globalThis & Record<symbol, unknown>;
// The gateway asks for several singletons per request: the slot's symbol is looked up once.
const slots = new Map<string, symbol>();

function slotOf(name: string): symbol {
  let slot = slots.get(name);
  if (!slot) {
    slot = Symbol.for(`gatehouse.${name}`);
    slots.set(name, slot);
  }
  return slot;
}

export function processSingleton<T>(name: string, create: () => T): T {
  const slot = slotOf(name);
  const value = store[slot];
  if (value !== undefined) return value as T;
  const created = create();
  store[slot] = created;
  return created;
}

/**
 * A getter for a singleton, for state the gateway reads on every request: after the first
 * call it is one closure variable away (a symbol property of globalThis is a dictionary
 * lookup, and the factory a closure allocated per call). Singletons are never replaced, so
 * every bundle's getter returns the same object.
 */
export function perProcess<T>(name: string, create: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= processSingleton(name, create);
    return value;
  };
}
