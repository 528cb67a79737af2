/**
 * Packaging and label checklists. Staff keep each destination market's requirements, for
 * all goods, for food only or for other goods only, optionally for one category (fumigation
 * for rattan, a halal logo for food to Malaysia). A lot's checklist is the active
 * requirements of its destination that fit its goods; each item is met by evidence (a photo
 * or a PDF, checked like a certificate scan) or waived with a reason. changeLotStatus
 * refuses READY while an item is open. Every change is audited.
 */
import { db, type Tx } from "~/lib/db.server";
import type { RequirementScope } from "~/generated/prisma/client";
import { audit } from "../audit.server";
import { checkScan, readScan, removeScan, storeScan } from "../certification/index.server";
import { isFoodCategory } from "./eligibility.server";
import { LotRefused } from "./refused";

export type RequirementInput = {
  country: string;
  scope: RequirementScope;
  categoryId: string | null;
  titleId: string;
  titleEn: string;
};

export async function labelRequirements() {
  return db.labelRequirement.findMany({
    where: { active: true },
    orderBy: [{ country: "asc" }, { createdAt: "asc" }],
    include: { category: { select: { nameId: true, nameEn: true } } },
  });
}

export async function addRequirement(staffId: string, input: RequirementInput) {
  return db.$transaction(async (tx) => {
    const r = await tx.labelRequirement.create({ data: { ...input, createdById: staffId } });
    await audit(tx, {
      actorId: staffId,
      action: "label.requirement-added",
      entityType: "LabelRequirement",
      entityId: r.id,
      after: input,
    });
    return r;
  });
}

/** A requirement stops applying to lots from now on (lots that answered it keep their evidence). */
export async function retireRequirement(staffId: string, requirementId: string) {
  await db.$transaction(async (tx) => {
    const moved = await tx.labelRequirement.updateMany({
      where: { id: requirementId, active: true },
      data: { active: false },
    });
    if (moved.count === 0) throw new LotRefused("checklist.refused.notFound");
    await audit(tx, {
      actorId: staffId,
      action: "label.requirement-retired",
      entityType: "LabelRequirement",
      entityId: requirementId,
    });
  });
}

const categoryShape = { select: { id: true, isFood: true, parentId: true, parent: { select: { isFood: true } } } };

/** The active requirements of the lot's destination that fit its goods. */
async function requirementsFor(tx: Tx, lotId: string) {
  const lot = await tx.exportLot.findUnique({
    where: { id: lotId },
    select: { destinationCountry: true, category: categoryShape, product: { select: { category: categoryShape } } },
  });
  if (!lot) throw new LotRefused("lots.refused.notFound");
  const category = lot.product?.category ?? lot.category;
  const food = isFoodCategory(category);
  const categories = category ? [category.id, category.parentId].filter((c): c is string => !!c) : [];
  return tx.labelRequirement.findMany({
    where: {
      active: true,
      country: lot.destinationCountry,
      scope: { in: ["ALL", food ? "FOOD" : "NON_FOOD"] },
      OR: [{ categoryId: null }, { categoryId: { in: categories } }],
    },
    orderBy: { createdAt: "asc" },
  });
}

export type ChecklistItem = {
  id: string;
  titleId: string;
  titleEn: string;
  state: "open" | "met" | "waived";
  evidenceMime: string | null;
  waivedReason: string | null;
  at: Date | null;
};

/** The lot's checklist, each item open, met (with evidence) or waived (with the reason). */
export async function lotChecklist(lotId: string, tx: Tx = db): Promise<ChecklistItem[]> {
  const requirements = await requirementsFor(tx, lotId);
  const checks = await tx.lotRequirementCheck.findMany({
    where: { lotId, requirementId: { in: requirements.map((r) => r.id) } },
  });
  const byRequirement = new Map(checks.map((c) => [c.requirementId, c]));
  return requirements.map((r) => {
    const c = byRequirement.get(r.id);
    return {
      id: r.id,
      titleId: r.titleId,
      titleEn: r.titleEn,
      state: !c ? "open" : c.evidencePath ? "met" : "waived",
      evidenceMime: c?.evidenceMime ?? null,
      waivedReason: c?.waivedReason ?? null,
      at: c?.at ?? null,
    };
  });
}

/** How many checklist items are still open (READY is refused while any is). */
export async function openChecklistCount(tx: Tx, lotId: string) {
  return (await lotChecklist(lotId, tx)).filter((i) => i.state === "open").length;
}

async function applicable(tx: Tx, lotId: string, requirementId: string) {
  if (!(await requirementsFor(tx, lotId)).some((r) => r.id === requirementId))
    throw new LotRefused("checklist.refused.notFound");
}

/** Staff attach evidence (a photo or a PDF) to an item; it replaces a waiver or earlier evidence. */
export async function addEvidence(staffId: string, lotId: string, requirementId: string, scan: Buffer) {
  const { mime, ext } = await checkScan(scan);
  const name = await storeScan(scan, ext);
  try {
    await answer(staffId, lotId, requirementId, { evidencePath: name, evidenceMime: mime, waivedReason: null });
  } catch (err) {
    await removeScan(name);
    throw err;
  }
}

/** Staff waive an item with a reason (e.g. the importer labels the goods on arrival). */
export async function waiveRequirement(staffId: string, lotId: string, requirementId: string, reason: string) {
  await answer(staffId, lotId, requirementId, { evidencePath: null, evidenceMime: null, waivedReason: reason });
}

async function answer(
  staffId: string,
  lotId: string,
  requirementId: string,
  data: { evidencePath: string | null; evidenceMime: string | null; waivedReason: string | null },
) {
  await db.$transaction(async (tx) => {
    await applicable(tx, lotId, requirementId);
    const key = { lotId_requirementId: { lotId, requirementId } };
    const before = await tx.lotRequirementCheck.findUnique({ where: key });
    // one statement: of two answers at once, the last one stands and neither fails
    await tx.lotRequirementCheck.upsert({
      where: key,
      create: { lotId, requirementId, ...data, byId: staffId },
      update: { ...data, byId: staffId, at: new Date() },
    });
    await audit(tx, {
      actorId: staffId,
      action: data.waivedReason ? "lot.checklist-waived" : "lot.checklist-evidence",
      entityType: "ExportLot",
      entityId: lotId,
      before: before ? { waivedReason: before.waivedReason, evidence: !!before.evidencePath } : null,
      after: { requirementId, waivedReason: data.waivedReason, evidence: data.evidenceMime },
    });
  });
}

/** An item's evidence for staff to look at. */
export async function checklistEvidence(lotId: string, requirementId: string) {
  const c = await db.lotRequirementCheck.findUnique({ where: { lotId_requirementId: { lotId, requirementId } } });
  if (!c?.evidencePath || !c.evidenceMime) return null;
  return { bytes: await readScan(c.evidencePath), mime: c.evidenceMime };
}
