/** lot_offer_deadlines (every minute, once across all workers): offers unanswered by their deadline count as declined and the shortfall is proposed again. */
import type { Task } from "graphile-worker";
import { expireLotOffers } from "~/domain/trade/lots.server";

export const lotOfferDeadlinesTask: Task = async (_payload, helpers) => {
  const late = await expireLotOffers();
  if (late) helpers.logger.info(`${late} lot offer(s) passed their deadline; the shortfall is proposed again`);
};
