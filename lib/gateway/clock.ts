// The wall clock for the hot path. Once its server has loaded, Next.js replaces the global
// Date so that prerenders notice reads of the clock: every Date.now() and new Date() then asks
// two AsyncLocalStorages whether a render is running (~2% of a whoami's CPU, measured). The
// gateway is never inside a render, so it keeps the Date it found when this module was first
// evaluated: in server.ts's bundle that is Node's own, because Next.js patches Date only in
// app.prepare(). (In Next.js's bundle it is Next's Date, which is just as correct.)
const NativeDate = Date;

export const nowMs = (): number => NativeDate.now();

export const dateAt = (ms: number): Date => new NativeDate(ms);
