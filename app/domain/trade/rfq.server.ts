/**
 * Business buyers: a company (name, country, tax id, contact), its quote requests (RFQ),
 * the trading house's quotes, and the buyer's answer. Accepting a quote opens an export
 * lot in DRAFT with the request's product, quantity, destination and the quoted price.
 */
import { db } from "~/lib/db.server";
import { formatQuantity } from "~/lib/format";
import { appUrl } from "~/lib/env.server";
import { serverT } from "~/lib/i18n.server";
import { sendMail } from "~/lib/mail.server";
import { formatMoney } from "~/domain/money";
import { localePath, type AppLocale } from "~/lib/i18n";
import { audit } from "../audit.server";
import { createLot, LotRefused } from "./lots.server";
import { buildUpJson, landedCost, type CostInputs, type LandedCost, type QuoteIncoterm } from "./landed-cost";
import { invoiceTerms, issueInvoice } from "./receivables.server";
import { creditSamples } from "./samples.server";

export type CompanyInput = {
  name: string;
  country: string;
  taxId: string | null;
  contactName: string;
  contactEmail: string;
  contactPhone: string | null;
};
export type RfqInput = {
  productId: string | null;
  categoryId: string | null;
  quantity: number;
  unit: string;
  targetPriceAmount: bigint | null;
  targetCurrency: string | null;
  destinationCountry: string;
  destinationPort: string | null;
  incoterm: QuoteIncoterm;
  wantedBy: Date | null;
  notes: string | null;
};
export type QuoteInput = {
  validUntil: Date;
  leadTimeDays: number;
  conditions: string | null;
};

/** The landed-cost inputs of a staff quote, as its form gives them (rupiah minor units, basis points). */
export type QuoteCostForm = Omit<CostInputs, "quantity" | "rate" | "insuranceBps" | "marginBps"> & {
  currency: string;
  insuranceBps: number;
  marginBps: number;
  pickupRegency: string;
  port: string;
};

/** The latest staff-kept rate for a quote currency (rupiah per unit, dated); IDR is 1. */
async function quoteRate(currency: string) {
  if (currency === "IDR") return { currency, idrPerUnit: "1", rateDate: new Date().toISOString().slice(0, 10) };
  const row = await db.exchangeRate.findFirst({ where: { currency }, orderBy: { rateDate: "desc" } });
  if (!row) throw new LotRefused("tradeRfq.errors.noRate");
  return { currency, idrPerUnit: row.idrPerUnit.toString(), rateDate: row.rateDate.toISOString().slice(0, 10) };
}

/**
 * The landed-cost build-up of a quote for this request: its quantity, the costs staff typed,
 * the Incoterm chosen (changing it recomputes everything) and today's dated rate.
 */
export async function priceQuote(rfqId: string, form: QuoteCostForm) {
  const rfq = await db.quoteRequest.findUnique({ where: { id: rfqId }, select: { quantity: true } });
  if (!rfq) throw new LotRefused("rfq.refused.notFound");
  const inputs: CostInputs = { ...form, quantity: rfq.quantity, rate: await quoteRate(form.currency) };
  const cost = landedCost(inputs);
  return { cost, buildUp: buildUpJson(cost, inputs, { pickupRegency: form.pickupRegency, port: form.port }) };
}
export type PricedQuote = { cost: LandedCost; buildUp: ReturnType<typeof buildUpJson> };

export async function companyOfUser(userId: string) {
  return (await db.buyerCompanyMember.findFirst({ where: { userId }, include: { company: true } }))?.company ?? null;
}

export async function createRfq(userId: string, company: CompanyInput | null, input: RfqInput) {
  return db.$transaction(async (tx) => {
    let companyId = (await tx.buyerCompanyMember.findFirst({ where: { userId } }))?.companyId;
    if (!companyId) {
      if (!company) throw new LotRefused("rfq.refused.companyNeeded");
      companyId = (await tx.buyerCompany.create({ data: { ...company, members: { create: { userId } } } })).id;
      await audit(tx, {
        actorId: userId,
        action: "company.registered",
        entityType: "BuyerCompany",
        entityId: companyId,
        after: { name: company.name, country: company.country },
      });
    }
    // a request may name only a product on sale; an unpublished or unknown one is "not found", never disclosed
    if (
      input.productId &&
      !(await tx.product.findFirst({
        where: { id: input.productId, status: "PUBLISHED", producer: { status: "VERIFIED" } },
        select: { id: true },
      }))
    ) {
      throw new LotRefused("rfq.refused.productNotFound");
    }
    const rfq = await tx.quoteRequest.create({ data: { ...input, companyId, requestedById: userId } });
    const staff = await tx.user.findMany({
      where: { roles: { has: "STAFF" }, email: { not: null } },
      select: { email: true, locale: true },
    });
    for (const s of staff) {
      const t = serverT(s.locale as AppLocale);
      await sendMail(
        {
          to: s.email!,
          kind: "rfq.new",
          locale: s.locale as AppLocale,
          subject: t("mail.rfqNew.subject", {
            amount: formatQuantity(t, s.locale as AppLocale, input.quantity, input.unit),
          }),
          text: t("mail.rfqNew.body", {
            link: `${appUrl()}${localePath(`/trade/rfq/${rfq.id}`, s.locale as AppLocale)}`,
          }),
        },
        tx,
      );
    }
    return rfq;
  });
}

const rfqInclude = {
  company: true,
  product: {
    select: {
      id: true,
      slug: true,
      nameId: true,
      nameEn: true,
      listed: true,
      // what a paid sample can be ordered of (trade/samples.server.ts)
      variants: {
        orderBy: { position: "asc" as const },
        select: { id: true, nameId: true, nameEn: true, priceAmount: true, stock: true },
      },
    },
  },
  // the paid samples ordered for the request, and the invoice each was credited to
  sampleLines: {
    orderBy: { id: "asc" as const },
    select: {
      id: true,
      quantity: true,
      lineAmount: true,
      variantName: true,
      variantNameEn: true,
      order: { select: { number: true, status: true, paidAt: true } },
      sampleCredit: { select: { amountIdr: true, invoice: { select: { number: true } } } },
    },
  },
  category: { select: { id: true, nameId: true, nameEn: true } },
  quotes: {
    orderBy: { createdAt: "desc" as const },
    include: {
      lot: {
        select: {
          id: true,
          code: true,
          status: true,
          invoice: {
            select: {
              number: true,
              amount: true,
              currency: true,
              terms: true,
              dueBeforeShipment: true,
              payments: { select: { amount: true } },
            },
          },
        },
      },
    },
  },
};

export async function buyerRfqs(userId: string) {
  const company = await companyOfUser(userId);
  if (!company) return { company: null, rfqs: [] };
  return {
    company,
    rfqs: await db.quoteRequest.findMany({
      where: { companyId: company.id },
      orderBy: { createdAt: "desc" },
      include: rfqInclude,
    }),
  };
}

export async function staffRfqs() {
  return db.quoteRequest.findMany({
    orderBy: [{ status: "asc" }, { createdAt: "desc" }],
    take: 100,
    // the list needs neither the variants a sample may be ordered of nor the samples themselves
    include: {
      ...rfqInclude,
      product: { select: { id: true, slug: true, nameId: true, nameEn: true } },
      sampleLines: false,
    },
  });
}

export async function rfqForStaff(id: string) {
  return db.quoteRequest.findUnique({ where: { id }, include: rfqInclude });
}

/** Staff quote on a request, priced by its landed-cost build-up; the buyer is told by mail. The producer price is kept for the lot. */
export async function sendQuote(staffId: string, rfqId: string, q: QuoteInput, priced: PricedQuote) {
  const { cost, buildUp } = priced;
  return db.$transaction(async (tx) => {
    const rfq = await tx.quoteRequest.findUnique({ where: { id: rfqId }, include: { requestedBy: true } });
    if (!rfq || !["OPEN", "QUOTED", "DECLINED"].includes(rfq.status)) throw new LotRefused("rfq.refused.closed");
    // an earlier quote still open is replaced
    await tx.quote.updateMany({ where: { quoteRequestId: rfqId, status: "SENT" }, data: { status: "EXPIRED" } });
    const quote = await tx.quote.create({
      data: {
        quoteRequestId: rfqId,
        unitPriceAmount: cost.unitPrice,
        currency: cost.currency,
        incoterm: cost.incoterm,
        validUntil: q.validUntil,
        leadTimeDays: q.leadTimeDays,
        conditions: q.conditions,
        producerPriceAmount: BigInt(buildUp.perUnit.producer),
        costBuildUp: buildUp,
        unitPriceIdr: cost.unitPriceIdr,
        idrPerUnit: cost.rate.idrPerUnit,
        rateDate: new Date(`${cost.rate.rateDate}T00:00:00Z`),
        createdById: staffId,
      },
    });
    await tx.quoteRequest.update({ where: { id: rfqId }, data: { status: "QUOTED" } });
    await audit(tx, {
      actorId: staffId,
      action: "rfq.quoted",
      entityType: "QuoteRequest",
      entityId: rfqId,
      after: {
        quoteId: quote.id,
        unitPrice: cost.unitPrice,
        currency: cost.currency,
        incoterm: cost.incoterm,
        unitPriceIdr: cost.unitPriceIdr,
        rate: cost.rate,
        producerPrice: buildUp.perUnit.producer,
      },
    });
    const locale = rfq.requestedBy.locale as AppLocale;
    const t = serverT(locale);
    // a phone-only account has no address: it sees the quote on its RFQ page
    const to = rfq.requestedBy.email;
    if (to)
      await sendMail(
        {
          to,
          kind: "rfq.quoted",
          locale,
          subject: t("mail.rfqQuoted.subject"),
          text: t("mail.rfqQuoted.body", {
            price: formatMoney(cost.unitPrice, cost.currency, locale),
            link: `${appUrl()}/account/rfq`,
          }),
        },
        tx,
      );
    return quote;
  });
}

/**
 * The buyer accepts (an export lot opens) or declines a quote. Only the company's own
 * members may. The answer is a conditional move out of SENT, so of several answers at once
 * (a double tap, two colleagues) exactly one takes effect and the others are told it was
 * answered; the lot's unique quoteId stands behind it.
 */
export async function answerQuote(userId: string, quoteId: string, answer: "accept" | "decline") {
  return db.$transaction(async (tx) => {
    const quote = await tx.quote.findUnique({ where: { id: quoteId }, include: { quoteRequest: true } });
    const member =
      quote && (await tx.buyerCompanyMember.findFirst({ where: { userId, companyId: quote.quoteRequest.companyId } }));
    if (!quote || !member) throw new LotRefused("rfq.refused.notFound");
    if (quote.status !== "SENT") throw new LotRefused("rfq.refused.answered");
    if (quote.validUntil < new Date(new Date().toISOString().slice(0, 10))) throw new LotRefused("rfq.refused.expired");
    const r = quote.quoteRequest;
    const moved = await tx.quote.updateMany({
      where: { id: quoteId, status: "SENT" },
      data: { status: answer === "accept" ? "ACCEPTED" : "DECLINED" },
    });
    if (moved.count === 0) throw new LotRefused("rfq.refused.answered");
    if (answer === "decline") {
      await tx.quoteRequest.update({ where: { id: r.id }, data: { status: "DECLINED" } });
      await audit(tx, { actorId: userId, action: "quote.declined", entityType: "Quote", entityId: quoteId });
      return null;
    }
    await tx.quoteRequest.update({ where: { id: r.id }, data: { status: "ACCEPTED" } });
    await audit(tx, { actorId: userId, action: "quote.accepted", entityType: "Quote", entityId: quoteId });
    // the proforma invoice, at the quote's dated rate (a quote from before the build-up: today's)
    const rate = quote.idrPerUnit
      ? { idrPerUnit: quote.idrPerUnit.toString(), rateDate: quote.rateDate ?? new Date() }
      : await quoteRate(quote.currency).then((x) => ({ idrPerUnit: x.idrPerUnit, rateDate: new Date(x.rateDate) }));
    const terms = await invoiceTerms(
      tx,
      r.companyId,
      { quantity: r.quantity, unitPriceAmount: quote.unitPriceAmount, currency: quote.currency },
      rate,
    );
    const lot = await createLot(
      userId,
      {
        productId: r.productId,
        categoryId: r.categoryId,
        grade: null,
        packaging: null,
        targetQuantity: r.quantity,
        unit: r.unit,
        destinationCountry: r.destinationCountry,
        destinationPort: r.destinationPort,
        incoterm: quote.incoterm as QuoteIncoterm,
        unitPriceAmount: quote.unitPriceAmount,
        currency: quote.currency,
        producerPriceAmount: quote.producerPriceAmount,
        unitsPerPackage: 10,
        companyId: r.companyId,
        quoteId,
        wantedBy: r.wantedBy,
        notes: r.notes,
      },
      tx,
    );
    const invoice = await issueInvoice(tx, userId, lot.id, terms);
    // samples of this product the company paid for recently count towards the invoice
    await creditSamples(tx, userId, invoice, r.productId);
    return lot;
  });
}

/** What the RFQ form offers: categories (parents first) and, when asked for, one product. */
/** Categories for a select: each parent, then its children as "Parent › Child". */
export async function categoryOptions(locale: AppLocale) {
  const categories = await db.category.findMany({
    orderBy: [{ position: "asc" }],
    select: { id: true, slug: true, nameId: true, nameEn: true, parentId: true },
  });
  const name = (c: { nameId: string; nameEn: string }) => (locale === "en" ? c.nameEn : c.nameId);
  const parents = categories.filter((c) => !c.parentId);
  return parents.flatMap((p) => [
    { value: p.id, slug: p.slug, label: name(p) },
    ...categories
      .filter((c) => c.parentId === p.id)
      .map((c) => ({ value: c.id, slug: c.slug, label: `${name(p)} › ${name(c)}` })),
  ]);
}

export async function rfqFormOptions(
  locale: AppLocale,
  productSlug: string | null,
  categorySlug: string | null = null,
) {
  const [categories, product] = await Promise.all([
    categoryOptions(locale),
    productSlug
      ? db.product.findFirst({
          where: { slug: productSlug, status: "PUBLISHED" },
          select: { id: true, slug: true, nameId: true, nameEn: true, unit: true, categoryId: true },
        })
      : null,
  ]);
  const name = (c: { nameId: string; nameEn: string }) => (locale === "en" ? c.nameEn : c.nameId);
  return {
    categories: categories.map(({ value, label }) => ({ value, label })),
    /** the category the enquiry came from (a category page's "request a quote") */
    categoryId: categories.find((c) => c.slug === categorySlug)?.value ?? null,
    product: product
      ? { id: product.id, slug: product.slug, name: name(product), unit: product.unit, categoryId: product.categoryId }
      : null,
  };
}
