/**
 * The outbox: every change that affects what search shows writes an event in the
 * same transaction as the change itself. The worker in search/worker.ts drains it.
 */
import type { Tx } from "~/lib/db.server";

export type OutboxTopic = "product.changed" | "producer.changed" | "image.process";

export async function recordOutbox(tx: Tx, topic: OutboxTopic, aggregateId: string) {
  await tx.outboxEvent.create({ data: { topic, aggregateId } });
}

export const productChanged = (tx: Tx, productId: string) => recordOutbox(tx, "product.changed", productId);
export const producerChanged = (tx: Tx, producerId: string) => recordOutbox(tx, "producer.changed", producerId);
