/** The staff desk (/trade): for staff only, counting what waits straight from the tables. */
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { loader as deskLoader } from "~/routes/($lang).trade._index";
import { readNotice, withNotice } from "~/lib/notice";
import { createProduct, createUser, signedInCookie } from "../helpers/fixtures";
import { getRequest, thrown, unwrap } from "../helpers/http";

const args = (request: Request) => ({ request, params: {}, context: {} });

describe("the staff desk", () => {
  it("is refused to buyers and producers, and sends a guest to sign in", async () => {
    for (const roles of [["BUYER"], ["PRODUCER"]] as const) {
      const user = await createUser({ roles: [...roles] });
      const res = await thrown(deskLoader(args(getRequest("/trade", { cookie: await signedInCookie(user.id) }))));
      expect([res.status, await res.text()]).toEqual([403, "Forbidden"]);
    }
    const guest = await thrown(deskLoader(args(getRequest("/trade"))));
    expect([guest.status, guest.headers.get("Location")]).toEqual([302, "/login?redirectTo=%2Ftrade"]);
  });

  it("counts the businesses waiting for verification as the table holds them", async () => {
    const staff = await createUser({ roles: ["STAFF"] });
    const cookie = await signedInCookie(staff.id);
    const count = async () =>
      (
        unwrap(await deskLoader(args(getRequest("/trade", { cookie })))).body as {
          counts: { producersToVerify: number };
        }
      ).counts.producersToVerify;
    const before = await count();
    expect(before).toBe(await db.producer.count({ where: { status: "PENDING" } }));
    await createProduct({ nameId: "Tikar", nameEn: "Mat", producerStatus: "PENDING" });
    expect(await count()).toBe(before + 1);
  });
});

describe("notices", () => {
  it("show only the outcomes the app names, whatever a link puts in the query", () => {
    const url = withNotice("/trade/verification?page=2", "producerVerified", { name: "Kelompok Purun" });
    expect(url).toBe("/trade/verification?page=2&notice=producerVerified&name=Kelompok+Purun");
    expect(readNotice(new URL(url, "http://x").searchParams)).toEqual({
      key: "producerVerified",
      name: "Kelompok Purun",
      count: undefined,
    });
    expect(readNotice(new URLSearchParams("notice=errors.serverTitle&name=x"))).toBeNull();
    expect(readNotice(new URLSearchParams("notice=__proto__"))).toBeNull();
  });
});
