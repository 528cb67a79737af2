import { useTranslation } from "~/lib/translate";
import type { Ladder } from "~/domain/producers/ladder";

/** A producer's naik kelas ladder: each step done, not needed or still open, and what blocks the next one. */
export function LadderCard({ ladder, compact = false }: { ladder: Ladder; compact?: boolean }) {
  const { t } = useTranslation();
  const next = ladder.next;
  return (
    <section className="ladder" aria-label={t("ladder.title")} data-testid="ladder">
      {!compact && <h2>{t("ladder.title")}</h2>}
      <p data-testid="ladder-next">
        {next ? (
          <>
            <strong>{t("ladder.next", { step: t(`ladder.steps.${next}`) })}</strong>{" "}
            {ladder.blocker && t(ladder.blocker.key, ladder.blocker.params ?? {})}
          </>
        ) : (
          t("ladder.top")
        )}
      </p>
      {!compact && (
        <ol className="ladder-steps">
          {ladder.steps.map((s) => (
            <li key={s.step} data-state={s.state} aria-current={s.step === next ? "step" : undefined}>
              {t(`ladder.steps.${s.step}`)} — {t(`ladder.state.${s.state}`)}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
