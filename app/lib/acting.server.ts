/**
 * A facilitator (pendamping) acting for one of its producers in the producer portal: the pages
 * that allow it run their loader and action inside `facilitated`, the access check marks the
 * producer acted for, and every audit entry written while handling that request records it
 * (AuditLog.onBehalfOfId) next to the facilitator as the actor: "by facilitator X for producer Y".
 */
import { AsyncLocalStorage } from "node:async_hooks";

type Acting = { onBehalfOf?: string };
const store = new AsyncLocalStorage<Acting>();

/**
 * Runs a route's loader or action body so that a facilitator may use the page (and its audit
 * entries say for whom). Called inside `export async function loader/action`, so the route
 * module's client build drops it with the loader.
 */
export function facilitated<R>(body: () => Promise<R>): Promise<R> {
  return store.run({}, body);
}

/** Whether this request runs inside `facilitated`. */
export function mayFacilitate(): boolean {
  return store.getStore() !== undefined;
}

/** The facilitator's access was checked: what it does now is for this producer. */
export function markActingFor(producerId: string) {
  const s = store.getStore();
  if (!s) throw new Error("a facilitator may act only on pages that run inside facilitated()");
  s.onBehalfOf = producerId;
}

/** The producer a facilitator is acting for in this request, if any. */
export function actingFor(): string | null {
  return store.getStore()?.onBehalfOf ?? null;
}
