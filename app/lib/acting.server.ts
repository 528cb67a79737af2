/**
 * A facilitator (pendamping) acting for one of its producers in the producer portal: the pages
 * that allow it wrap their loader and action in `facilitated`, the access check marks the
 * producer acted for, and every audit entry written while handling that request records it
 * (AuditLog.onBehalfOfId) next to the facilitator as the actor: "by facilitator X for producer Y".
 */
import { AsyncLocalStorage } from "node:async_hooks";

type Acting = { onBehalfOf?: string };
const store = new AsyncLocalStorage<Acting>();

/** Wraps a route's loader or action so a facilitator may use it (and its audit entries say for whom). */
export function facilitated<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return (...args: A) => store.run({}, () => fn(...args));
}

/** Whether this request runs inside `facilitated`. */
export function mayFacilitate(): boolean {
  return store.getStore() !== undefined;
}

/** The facilitator's access was checked: what it does now is for this producer. */
export function markActingFor(producerId: string) {
  const s = store.getStore();
  if (!s) throw new Error("a facilitator may act only on pages wrapped in facilitated()");
  s.onBehalfOf = producerId;
}

/** The producer a facilitator is acting for in this request, if any. */
export function actingFor(): string | null {
  return store.getStore()?.onBehalfOf ?? null;
}
