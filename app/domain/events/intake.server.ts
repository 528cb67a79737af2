/**
 * Registering a UMKM at an event. At the venue, staff or a facilitator type a short intake on
 * a phone; it becomes a producer record (PENDING, MIKRO, without an NIB if it has none yet)
 * with a claim code to hand over, and a follow-up task for a facilitator. The same UMKM met
 * again, here or at an earlier event, is matched by its phone number (however it was typed)
 * or its NIB: its record is reused, not duplicated. Two desks registering the same UMKM at
 * once serialise on an advisory lock per phone number and per NIB; the (event, producer)
 * unique key makes a second registration at one event a clear refusal.
 */
import { db, Prisma, type Tx } from "~/lib/db.server";
import { audit } from "../audit.server";
import { regency } from "../regions";
import { issueClaimCode, producersByPhone, recordNib, registerProducer } from "../producers/index.server";
import type { IntakeInput } from "./schema";

export class IntakeRefused extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, unknown> = {},
  ) {
    super(key);
  }
}

/** Facilitators follow an intake up within this many days. */
export const FOLLOW_UP_DAYS = 14;

/** The producer an intake is about, if Anjung knows it already: by NIB first, else by phone number. */
async function matchProducer(tx: Tx, input: IntakeInput) {
  if (input.nib) {
    const byNib = await tx.producer.findUnique({ where: { nib: input.nib } });
    if (byNib) return byNib;
  }
  const [first] = await producersByPhone(tx, input.phone);
  return first ? tx.producer.findUniqueOrThrow({ where: { id: first.id } }) : null;
}

/** Who follows the intake up: the producer's facilitator, else the one chosen, else the facilitator registering it. */
async function followUpFacilitator(
  tx: Tx,
  registrar: { id: string; roles: string[] },
  chosen: string | undefined,
  existing: string | null,
) {
  if (existing) return existing;
  if (chosen) {
    const f = await tx.user.findUnique({ where: { id: chosen }, select: { roles: true } });
    if (!f?.roles.includes("FACILITATOR")) throw new IntakeRefused("events.refused.notFacilitator");
    return chosen;
  }
  return registrar.roles.includes("FACILITATOR") ? registrar.id : null;
}

export type IntakeResult = {
  intakeId: string;
  producerId: string;
  legalName: string;
  /** an existing producer was found by phone or NIB */
  matched: boolean;
  /** the one-time code to claim the account, for a new producer only (shown once) */
  claimCode: string | null;
  facilitatorId: string | null;
};

export async function registerIntake(
  registrar: { id: string; roles: string[] },
  eventId: string,
  input: IntakeInput,
): Promise<IntakeResult | null> {
  try {
    return await db.$transaction(async (tx) => {
      const event = await tx.event.findUnique({ where: { id: eventId }, select: { id: true, endsOn: true } });
      if (!event) return null;
      // one desk at a time per phone number and per NIB (always in this order)
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`intake:phone:${input.phone}`}))`;
      if (input.nib) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`intake:nib:${input.nib}`}))`;

      const known = await matchProducer(tx, input);
      if (known && input.nib && known.nib && known.nib !== input.nib)
        throw new IntakeRefused("events.refused.phoneOtherNib", { name: known.legalName });
      if (
        known &&
        (await tx.eventIntake.findUnique({ where: { eventId_producerId: { eventId, producerId: known.id } } }))
      )
        throw new IntakeRefused("events.refused.alreadyRegistered", { name: known.legalName });

      const facilitatorId = await followUpFacilitator(tx, registrar, input.facilitatorId, known?.facilitatorId ?? null);
      let producer = known;
      let claimCode: string | null = null;
      if (!producer) {
        producer = await registerProducer(
          tx,
          {
            legalName: input.name,
            nib: input.nib ?? null,
            scale: "MIKRO",
            provinceCode: regency(input.regencyCode)!.provinceCode,
            regencyCode: input.regencyCode,
            address: "",
            storyId: "",
            contactName: input.name,
            contactPhone: input.phone,
            contactEmail: null,
            facilitatorId,
          },
          { nibIssuer: "OSS RBA" },
        );
        claimCode = await issueClaimCode(tx, registrar.id, producer.id);
      } else {
        // what the known record lacks: a facilitator, its NIB (waiting for staff like any new NIB)
        const adds = {
          ...(!producer.facilitatorId && facilitatorId ? { facilitatorId } : {}),
          ...(!producer.nib && input.nib ? { nib: input.nib } : {}),
        };
        if (Object.keys(adds).length > 0)
          producer = await tx.producer.update({ where: { id: producer.id }, data: adds });
        if (adds.nib) await recordNib(tx, producer.id, adds.nib);
      }

      const intake = await tx.eventIntake.create({
        data: {
          eventId,
          producerId: producer.id,
          registeredById: registrar.id,
          products: input.products,
          nibStatus: input.nibStatus,
          halalStatus: input.halalStatus,
          bpomStatus: input.bpomStatus,
          needs: input.needs,
          matched: !!known,
        },
      });
      await tx.followUpTask.create({
        data: {
          producerId: producer.id,
          facilitatorId,
          intakeId: intake.id,
          needs: input.needs,
          dueOn: new Date(event.endsOn.getTime() + FOLLOW_UP_DAYS * 86_400_000),
        },
      });
      await audit(tx, {
        actorId: registrar.id,
        action: known ? "producer.intake-matched" : "producer.intake",
        entityType: "Producer",
        entityId: producer.id,
        after: { eventId, intakeId: intake.id, facilitatorId, needs: input.needs },
      });
      return {
        intakeId: intake.id,
        producerId: producer.id,
        legalName: producer.legalName,
        matched: !!known,
        claimCode,
        facilitatorId,
      };
    });
  } catch (err) {
    // under the locks these are not expected; should a constraint still catch a race, say which
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      const on = JSON.stringify(err.meta ?? {});
      if (on.includes("eventId")) throw new IntakeRefused("events.refused.alreadyRegistered", { name: input.name });
      if (on.includes("nib")) throw new IntakeRefused("events.refused.nibTaken");
    }
    throw err;
  }
}
