/**
 * A demo Expo UMKM in Banjarmasin three weeks ago: the demo facilitator registered two micro
 * businesses without an NIB there (new producer records with follow-ups waiting) and met the
 * kerupuk producer of Sampit again (matched, not duplicated).
 */
import type { Tx } from "../../app/lib/db.server";

const DAY = 86_400_000;

const newcomers = [
  {
    legalName: "Keripik Kelakai Ibu Hamidah",
    phone: "+6281351120001",
    products: "Keripik kelakai, rengginang",
    needs: ["NIB", "HALAL", "PACKAGING"],
  },
  {
    legalName: "Sasirangan Kampung Melayu",
    phone: "+6281351120002",
    products: "Kain sasirangan, masker kain",
    needs: ["NIB", "PHOTOS", "SELLING_ONLINE"],
  },
] as const;

export async function seedEvents(db: Tx, staffId: string, facilitatorId: string | undefined) {
  const startsOn = new Date(Math.floor((Date.now() - 21 * DAY) / DAY) * DAY);
  const event = await db.event.create({
    data: {
      name: "Expo UMKM Kalimantan Selatan 2026",
      place: "Gedung Sultan Suriansyah",
      regencyCode: "63.71",
      startsOn,
      endsOn: new Date(startsOn.getTime() + 2 * DAY),
      createdById: staffId,
    },
  });
  const registrar = facilitatorId ?? staffId;
  const dueOn = new Date(event.endsOn.getTime() + 14 * DAY);
  for (const [i, n] of newcomers.entries()) {
    const producer = await db.producer.create({
      data: {
        slug: `expo-kalsel-${i + 1}`,
        legalName: n.legalName,
        nib: null,
        scale: "MIKRO",
        provinceCode: "63",
        regencyCode: "63.71",
        address: "",
        storyId: "",
        contactName: n.legalName,
        contactPhone: n.phone,
        facilitatorId: facilitatorId ?? null,
      },
    });
    const intake = await db.eventIntake.create({
      data: {
        eventId: event.id,
        producerId: producer.id,
        registeredById: registrar,
        products: n.products,
        nibStatus: "NONE",
        halalStatus: "NONE",
        bpomStatus: "NOT_NEEDED",
        needs: [...n.needs],
        createdAt: new Date(startsOn.getTime() + i * 3_600_000),
      },
    });
    await db.followUpTask.create({
      data: {
        producerId: producer.id,
        facilitatorId: facilitatorId ?? null,
        intakeId: intake.id,
        needs: [...n.needs],
        dueOn,
      },
    });
  }
  const known = await db.producer.findUnique({ where: { slug: "kerupuk-sampit" } });
  if (known)
    await db.eventIntake.create({
      data: {
        eventId: event.id,
        producerId: known.id,
        registeredById: registrar,
        products: "Kerupuk ikan pipih",
        nibStatus: "HAS",
        halalStatus: "IN_PROCESS",
        bpomStatus: "IN_PROCESS",
        needs: ["BPOM", "EXPORT"],
        matched: true,
        createdAt: new Date(startsOn.getTime() + 5 * 3_600_000),
      },
    });
  return event;
}
