// One instance per process. Next.js evaluates a module once per bundle (proxy, each route,
// the server entry) and again on every dev reload, so module-level state would be copied:
// the key cache, the listeners, the writers and the pool live on globalThis instead.
const store = globalThis as typeof globalThis & Record<symbol, unknown>;

export function processSingleton<T>(name: string, create: () => T): T {
  const slot = Symbol.for(`gatehouse.${name}`);
  if (!(slot in store) || store[slot] === undefined) store[slot] = create();
  return store[slot] as T;
}

/** For the few singletons that can be dropped and made again (a closed pool, a stopped listener). */
export function clearProcessSingleton(name: string): void {
  store[Symbol.for(`gatehouse.${name}`)] = undefined;
}
