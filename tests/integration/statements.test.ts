import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { confirmBankTransfer } from "~/domain/payments/payments.server";
import { issueStatement, verifiedSales, wibMonthStart } from "~/domain/ledger/statement.server";
import * as statementPage from "~/routes/($lang).sell.statement";
import * as statementPdf from "~/routes/($lang).sell.statements.$token[.]pdf";
import * as verifyPage from "~/routes/($lang).statements.$token";
import { createUser, producerMemberCookie } from "../helpers/fixtures";
import { formRequest, getRequest, unwrap } from "../helpers/http";
import { completeParcels, orderFor, sellable } from "../helpers/orders";
import { pdfText } from "../helpers/files";

describe("sales statement for financing", () => {
  it("counts received retail sales and passed export lots per WIB month; a bank verifies it by its link, and sees a changed ledger", async () => {
    const staff = await createUser({ roles: ["STAFF"] });
    const s = await sellable({ stock: 50, priceIdr: 150_000 });
    const paid = async () => {
      const buyer = await createUser();
      const order = await orderFor([{ variantId: s.variant.id, quantity: 2 }], { email: buyer.email }, buyer.id);
      expect(await confirmBankTransfer(staff.id, order.id, order.transferAmount!)).toBe("paid");
      return order;
    };
    // one parcel the buyer received, one still on its way (not counted yet)
    const received = await paid();
    await completeParcels(received.id);
    await paid();
    await db.ledgerEntry.create({
      data: {
        producerId: s.producer.id,
        kind: "LOT_CREDIT",
        amount: 30n * 9_000_000n,
        sourceKey: `lot:test-${s.producer.id}`,
        lotId: "lot-test",
        memo: "test lot",
      },
    });
    const credits = await db.ledgerEntry.findMany({ where: { producerId: s.producer.id, kind: "SALE_CREDIT" } });
    expect(credits).toHaveLength(2);
    const f = await db.fulfilment.findFirstOrThrow({ where: { orderId: received.id } });
    expect(f.status).toBe("COMPLETED");
    const countedRetail = credits.find((c) => c.fulfilmentId === f.id)!.amount;
    const now = new Date();
    const months = await verifiedSales(s.producer.id, wibMonthStart(now, 11), new Date(now.getTime() + 1000));
    expect(months).toHaveLength(1);
    expect(months[0]).toMatchObject({ retail: countedRetail, export: 270_000_000n, orders: 1, lots: 1 });

    // the producer issues it on its page: the download follows; another producer cannot open it
    const cookie = await producerMemberCookie(s.producer.id);
    const bad = unwrap(
      await statementPage.action({
        request: formRequest("/sell/statement", { months: "7" }, { cookie }),
        params: {},
        context: {},
      }),
    );
    expect(bad).toMatchObject({ status: 400, body: { fieldErrors: { months: "errors.invalidChoice" } } });
    const issued = unwrap(
      await statementPage.action({
        request: formRequest("/sell/statement", { months: "12" }, { cookie }),
        params: {},
        context: {},
      }),
    );
    expect(issued.status).toBe(302);
    const statement = await db.salesStatement.findFirstOrThrow({ where: { producerId: s.producer.id } });
    expect(issued.headers.get("Location")).toBe(`/sell/statements/${statement.token}.pdf`);
    expect(statement).toMatchObject({ retailTotal: countedRetail, exportTotal: 270_000_000n });
    const pdf = (await statementPdf.loader({
      request: getRequest(`/sell/statements/${statement.token}.pdf`, { cookie }),
      params: { token: statement.token },
      context: {},
    })) as Response;
    const text = await pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain("Laporan Penjualan Terverifikasi");
    expect(text).toContain(`/statements/${statement.token}`);
    const other = await sellable();
    const foreign = await statementPdf
      .loader({
        request: getRequest(`/sell/statements/${statement.token}.pdf`, {
          cookie: await producerMemberCookie(other.producer.id),
        }),
        params: { token: statement.token },
        context: {},
      })
      .catch((e: unknown) => e);
    expect((foreign as Response).status).toBe(404);

    // the public page confirms the figures, without any buyer
    const open = async () =>
      unwrap(
        await verifyPage.loader({
          request: getRequest(`/statements/${statement.token}`),
          params: { token: statement.token },
          context: {},
        }),
      ).body as { v: { stillMatches: boolean; retailTotal: bigint; producer: { name: string } } };
    const seen = await open();
    expect(seen.v).toMatchObject({
      stillMatches: true,
      retailTotal: countedRetail,
      producer: { name: s.producer.legalName },
    });
    expect(JSON.stringify(seen, (_k, x) => (typeof x === "bigint" ? String(x) : x))).not.toContain("@");
    // a refund booked later inside the period: the page says the ledger changed
    await db.ledgerEntry.create({
      data: {
        producerId: s.producer.id,
        kind: "REFUND_DEBIT",
        amount: -1_000_000n,
        sourceKey: `refund:test-${s.producer.id}`,
        fulfilmentId: f.id,
        memo: "refund",
        createdAt: new Date(statement.periodEnd.getTime() - 1000),
      },
    });
    expect((await open()).v.stillMatches).toBe(false);
    // an unknown token is not found
    const none = await verifyPage
      .loader({ request: getRequest("/statements/nope"), params: { token: "nope" }, context: {} })
      .catch((e: unknown) => e);
    expect((none as Response).status).toBe(404);
    expect(await db.auditLog.count({ where: { action: "producer.statement", entityId: s.producer.id } })).toBe(1);
    await expect(issueStatement(s.producer.id, staff.id, 3)).resolves.toMatchObject({ producerId: s.producer.id });
  });
});
