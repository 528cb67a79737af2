/**
 * Form D origin (#19): a producer declares its product's cost structure; the lot's
 * certificate-of-origin data sheet and its CSV for the issuing office carry the ATIGA
 * criterion computed from it, with the calculation — against the real PostgreSQL.
 */
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { createLot } from "~/domain/trade/lots.server";
import { exportDocument, formDCsv } from "~/domain/trade/documents.server";
import { action as productAction, loader as productLoader } from "~/routes/($lang).sell.products.$id";
import { loader as formDLoader } from "~/routes/trade.lots.$id.form-d[.]csv";
import { createProduct, createUser, producerMemberCookie, signedInCookie } from "../helpers/fixtures";
import { formRequest, getRequest, thrown, unwrap } from "../helpers/http";
import { pdfText } from "../helpers/files";

const basket = {
  localMaterials: "70.000",
  importedMaterials: "45.000",
  labour: "50.000",
  overhead: "10.000",
  otherCosts: "5.000",
  profit: "20.000",
};

function saveOrigin(productId: string, cookie: string, fields: Record<string, string>) {
  return productAction({
    request: formRequest(`/sell/products/${productId}`, { intent: "origin", ...fields }, { cookie }),
    params: { id: productId },
    context: {},
  });
}

/** A lot whose QC passed `units` of each product's first variant. */
async function lotOf(products: Array<{ id: string; producerId: string }>, units = 40) {
  const staff = await createUser({ roles: ["STAFF"] });
  const lot = await createLot(staff.id, {
    productId: null,
    categoryId: null,
    grade: "A",
    packaging: "carton",
    targetQuantity: units * products.length,
    unit: "pcs",
    destinationCountry: "MY",
    destinationPort: "Port Klang",
    incoterm: "FOB",
    unitPriceAmount: 25_000_000n,
    currency: "IDR",
    producerPriceAmount: 18_000_000n,
    unitsPerPackage: 10,
    companyId: null,
  });
  for (const p of products) {
    const variant = await db.variant.findFirstOrThrow({ where: { productId: p.id } });
    await db.lotAllocation.create({
      data: {
        lotId: lot.id,
        producerId: p.producerId,
        variantId: variant.id,
        quantity: units,
        receivedQuantity: units,
        passedQuantity: units,
        producerPriceAmount: 18_000_000n,
        status: "QC_PASSED",
      },
    });
  }
  return { lot, staff };
}

describe("Form D origin", () => {
  it("a producer declares its product's cost structure and sees the criterion; nobody else can, and bad input changes nothing", async () => {
    const { product, producer } = await createProduct({ nameId: "Keranjang rotan", nameEn: "Rattan basket" });
    const cookie = await producerMemberCookie(producer.id);

    // a letter where a number belongs: refused with the field named, what was typed kept, nothing saved
    const bad = unwrap(await saveOrigin(product.id, cookie, { ...basket, labour: "lima puluh ribu" }));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ fieldErrors: { labour: "errors.money" }, values: { labour: "lima puluh ribu" } });
    expect(await db.productCostStructure.count({ where: { productId: product.id } })).toBe(0);

    // another producer's member cannot touch it
    const other = await createProduct({ nameId: "Tikar purun", nameEn: "Purun mat" });
    const stranger = await producerMemberCookie(other.producer.id);
    expect((await thrown(saveOrigin(product.id, stranger, basket))).status).toBe(404);
    expect(await db.productCostStructure.count({ where: { productId: product.id } })).toBe(0);

    const saved = unwrap(await saveOrigin(product.id, cookie, basket));
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toContain("origin=1");
    expect(await db.productCostStructure.findUniqueOrThrow({ where: { productId: product.id } })).toMatchObject({
      localMaterials: 7_000_000n,
      importedMaterials: 4_500_000n,
      whollyObtained: false,
    });
    expect(await db.auditLog.count({ where: { action: "product.costStructure", entityId: product.id } })).toBe(1);
    const page = await productLoader({
      request: getRequest(`/sell/products/${product.id}`, { cookie }),
      params: { id: product.id },
      context: {},
    });
    expect(page.origin).toMatchObject({ ok: true, criterion: "RVC 77%", rvcBps: 7750 });
    expect(page.cost.labour).toBe("50000");
  });

  it("the lot's data sheet and CSV carry WO, RVC with its calculation, or why a line cannot claim origin", async () => {
    const basketP = await createProduct({ nameId: "Keranjang rotan", nameEn: "Rattan basket" });
    const honey = await createProduct({ nameId: "Madu kelulut", nameEn: "Kelulut honey" });
    const dyed = await createProduct({ nameId: "Tas rotan warna", nameEn: "Dyed rattan bag" });
    const undeclared = await createProduct({ nameId: "Lampit", nameEn: "Lampit mat" });
    await saveOrigin(basketP.product.id, await producerMemberCookie(basketP.producer.id), basket);
    await saveOrigin(honey.product.id, await producerMemberCookie(honey.producer.id), {
      localMaterials: "60.000",
      importedMaterials: "0",
      labour: "20.000",
      overhead: "0",
      otherCosts: "0",
      profit: "15.000",
      whollyObtained: "on",
    });
    // 39,99 %: imported dye and leather dominate
    await saveOrigin(dyed.product.id, await producerMemberCookie(dyed.producer.id), {
      localMaterials: "3.999",
      importedMaterials: "6.001",
      labour: "0",
      overhead: "0",
      otherCosts: "0",
      profit: "0",
    });
    const { lot, staff } = await lotOf([basketP.product, honey.product, dyed.product, undeclared.product]);

    const text = await pdfText((await exportDocument(lot.id, "origin"))!.pdf);
    expect(text).toContain("RVC 77%");
    expect(text).toContain("77.50%");
    expect(text).toContain("WO");
    expect(text).toContain("NOT ORIGINATING: RVC 39.99% is below 40%");
    expect(text).toContain("no cost structure declared");

    const csv = (await formDCsv(lot.id))!.csv.trim().split("\n");
    expect(csv[0]).toContain("origin_criterion,rvc_percent,fob_idr_per_unit");
    const row = (name: string) => csv.find((l) => l.includes(name))!;
    expect(row("Rattan basket")).toContain(",RVC 77%,77.50,200000,155000,");
    expect(row("Kelulut honey")).toContain(",WO,100.00,95000,95000,");
    expect(row("Dyed rattan bag")).toContain(",,39.99,,,");
    expect(row("Lampit mat")).toContain(",,,,,");

    // staff download it; a buyer or producer cannot
    const res = await formDLoader({
      request: getRequest(`/trade/lots/${lot.id}/form-d.csv`, { cookie: await signedInCookie(staff.id) }),
      params: { id: lot.id },
      context: {},
    });
    expect(res.headers.get("Content-Disposition")).toContain(`${lot.code}-form-d.csv`);
    const buyerCookie = await signedInCookie((await createUser()).id);
    const refused = await thrown(() =>
      formDLoader({
        request: getRequest(`/trade/lots/${lot.id}/form-d.csv`, { cookie: buyerCookie }),
        params: { id: lot.id },
        context: {},
      }),
    );
    expect(refused.status).toBe(403);
  });
});
