import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { assignFacilitator, recordVisit } from "~/domain/producers/facilitation.server";
import * as caseloadPage from "~/routes/($lang).facilitate._index";
import * as casePage from "~/routes/($lang).facilitate.producers.$id";
import * as newProduct from "~/routes/($lang).sell.products.new";
import * as productPage from "~/routes/($lang).sell.products.$id";
import * as sellOrders from "~/routes/($lang).sell.orders";
import * as sellDashboard from "~/routes/($lang).sell._index";
import * as sellProfile from "~/routes/($lang).sell.profile";
import { createProduct, createUser } from "../helpers/fixtures";
import { formRequest, getRequest, sessionCookieFor, unwrap } from "../helpers/http";

const ctx = { ip: "10.7.7.7" };
const settled = async (p: unknown) => unwrap(await Promise.resolve(p).catch((e: unknown) => e));

async function signedIn(roles: Array<"FACILITATOR" | "STAFF" | "BUYER">) {
  const user = await createUser({ roles });
  const session = await db.session.create({ data: { userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) } });
  return { user, session, cookie: await sessionCookieFor(session.id) };
}

describe("facilitators (pendamping)", () => {
  it("act only within their caseload, draft but never publish, and every action is audited as theirs for the producer", async () => {
    const staff = await createUser({ roles: ["STAFF"] });
    const f = await signedIn(["FACILITATOR"]);
    const mine = await createProduct({
      nameId: "Madu kelulut",
      nameEn: "Kelulut honey",
      category: { slug: "madu", nameId: "Madu", nameEn: "Honey" },
      status: "DRAFT",
    });
    const theirs = await createProduct({ nameId: "Amplang", nameEn: "Amplang", status: "DRAFT" });
    // only an account with the role can be assigned; the assignment is audited
    const buyer = await createUser();
    await expect(assignFacilitator(staff.id, mine.producer.id, buyer.id)).rejects.toMatchObject({
      key: "facilitation.refused.notFacilitator",
    });
    expect(await assignFacilitator(staff.id, mine.producer.id, f.user.id)).toBe(true);
    expect(await db.auditLog.count({ where: { action: "producer.facilitator", entityId: mine.producer.id } })).toBe(1);

    // the caseload holds its producer only; another producer's page and notes are not there
    const list = await settled(
      caseloadPage.loader({ request: getRequest("/facilitate", { cookie: f.cookie }), params: {}, context: ctx }),
    );
    expect((list.body as { producers: Array<{ id: string }> }).producers.map((p) => p.id)).toEqual([mine.producer.id]);
    const other = await settled(
      casePage.loader({
        request: getRequest(`/facilitate/producers/${theirs.producer.id}`, { cookie: f.cookie }),
        params: { id: theirs.producer.id },
        context: ctx,
      }),
    );
    expect(other.status).toBe(404);
    expect(
      await recordVisit(f.user.id, theirs.producer.id, { visitedOn: new Date(), notes: "x", nextSteps: null }),
    ).toBe(null);
    const visit = await settled(
      casePage.action({
        request: formRequest(
          `/facilitate/producers/${mine.producer.id}`,
          { visitedOn: "2026-12-01", notes: "Bantu urus P-IRT di Dinkes", nextSteps: "Foto produk ulang" },
          { cookie: f.cookie },
        ),
        params: { id: mine.producer.id },
        context: ctx,
      }),
    );
    expect(visit.body).toMatchObject({ saved: true });
    const badVisit = await settled(
      casePage.action({
        request: formRequest(
          `/facilitate/producers/${mine.producer.id}`,
          { visitedOn: "2999-01-01", notes: "" },
          {
            cookie: f.cookie,
          },
        ),
        params: { id: mine.producer.id },
        context: ctx,
      }),
    );
    expect(badVisit).toMatchObject({
      status: 400,
      body: { fieldErrors: { visitedOn: "facilitation.errors.date", notes: "facilitation.errors.notes" } },
    });
    expect(await db.facilitatorVisit.count({ where: { producerId: mine.producer.id } })).toBe(1);

    // acting for another producer is refused; acting for its own opens the portal for it
    const act = (producerId: string) =>
      settled(
        caseloadPage.action({
          request: formRequest("/facilitate", { intent: "act", producerId }, { cookie: f.cookie }),
          params: {},
          context: ctx,
        }),
      );
    expect((await act(theirs.producer.id)).status).toBe(404);
    expect((await db.session.findUniqueOrThrow({ where: { id: f.session.id } })).actingProducerId).toBeNull();
    expect((await act(mine.producer.id)).status).toBe(302);
    const dash = await settled(
      sellDashboard.loader({ request: getRequest("/sell", { cookie: f.cookie }), params: {}, context: ctx }),
    );
    expect(dash.body).toMatchObject({ producer: { name: mine.producer.legalName } });

    // a draft made by the facilitator: the audit says by whom and for whom
    const created = await settled(
      newProduct.action({
        request: formRequest(
          "/sell/products/new",
          {
            intent: "save",
            nameId: "Madu kelulut galam",
            nameEn: "Galam kelulut honey",
            descriptionId: "Madu dari hutan galam.",
            descriptionEn: "Honey from galam forest.",
            categoryId: mine.product.categoryId,
            unit: "botol",
            weightGrams: "350",
            "variants[0].sku": "MKG-250",
            "variants[0].nameId": "Botol 250 ml",
            "variants[0].nameEn": "250 ml bottle",
            "variants[0].price": "125000",
            "variants[0].stock": "10",
            "variants[0].minOrderQty": "1",
            "variants[1].sku": "",
          },
          { cookie: f.cookie },
        ),
        params: {},
        context: ctx,
      }),
    );
    expect(created.status).toBe(302);
    const draft = await db.product.findFirstOrThrow({
      where: { producerId: mine.producer.id, nameId: "Madu kelulut galam" },
    });
    const entry = await db.auditLog.findFirstOrThrow({ where: { entityId: draft.id } });
    expect(entry).toMatchObject({ actorId: f.user.id, onBehalfOfId: mine.producer.id });

    // publishing is the producer's decision
    const publish = await settled(
      productPage.action({
        request: formRequest(`/sell/products/${draft.id}`, { intent: "publish" }, { cookie: f.cookie }),
        params: { id: draft.id },
        context: ctx,
      }),
    );
    expect(publish).toMatchObject({ status: 403, body: { formError: "facilitation.refused.status" } });
    expect((await db.product.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("DRAFT");
    // the producer's orders and its profile are not the facilitator's pages
    for (const page of [
      () => sellOrders.loader({ request: getRequest("/sell/orders", { cookie: f.cookie }), params: {}, context: ctx }),
      () =>
        sellProfile.loader({ request: getRequest("/sell/profile", { cookie: f.cookie }), params: {}, context: ctx }),
    ])
      expect((await settled(page())).status).toBe(403);

    // a session pointed at another producer by hand still reaches nothing of it
    await db.session.update({ where: { id: f.session.id }, data: { actingProducerId: theirs.producer.id } });
    const tampered = await settled(
      newProduct.loader({ request: getRequest("/sell/products/new", { cookie: f.cookie }), params: {}, context: ctx }),
    );
    expect(tampered.status).toBe(302);
    expect(tampered.headers.get("Location")).toBe("/facilitate");

    // taken off the producer, the facilitator stops acting for it at once
    await db.session.update({ where: { id: f.session.id }, data: { actingProducerId: mine.producer.id } });
    await assignFacilitator(staff.id, mine.producer.id, null);
    expect((await db.session.findUniqueOrThrow({ where: { id: f.session.id } })).actingProducerId).toBeNull();
    const after = await settled(
      sellDashboard.loader({ request: getRequest("/sell", { cookie: f.cookie }), params: {}, context: ctx }),
    );
    expect(after.headers.get("Location")).toBe("/facilitate");

    // other roles have no caseload page
    const b = await signedIn(["BUYER"]);
    expect(
      (
        await settled(
          caseloadPage.loader({ request: getRequest("/facilitate", { cookie: b.cookie }), params: {}, context: ctx }),
        )
      ).status,
    ).toBe(403);
  });
});
