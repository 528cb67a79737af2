import crypto from "node:crypto";
import { test, expect, query, signIn, whatsAppCode } from "./fixtures";

/**
 * Naik kelas, end to end (#21 item 7): staff open an Expo UMKM; at the venue a facilitator
 * registers a UMKM without an NIB on a phone with JavaScript off (a bad number refused and the
 * form kept; the same UMKM twice refused); the facilitator follows up with the NIB it helped
 * get; the owner signs up with its phone number and a WhatsApp code and claims the business;
 * staff verify the NIB; the ladder advances, the event counts the NIB, and the owner downloads
 * a sales statement whose verification page a bank can open.
 */
test("an expo intake on a phone, the facilitator's follow-up, the NIB verified, the ladder advances, a statement a bank can check", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const tag = crypto.randomBytes(3).toString("hex");
  const eventName = `Expo UMKM Banjarmasin ${tag}`;
  const umkm = `Keripik Kelakai ${tag}`;
  const local = `0813${String(crypto.randomInt(10_000_000, 99_999_999))}`;
  const e164 = `+62${local.slice(1)}`;
  const nib = `8${String(Date.now()).slice(-12)}`;
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const phoneSized = {
    javaScriptEnabled: false,
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
  };

  // 1. staff open the event
  const staffCtx = await browser.newContext();
  const staff = await staffCtx.newPage();
  await signIn(staff, "admin@anjung.test");
  await staff.goto("/trade/events");
  await staff.getByLabel("Nama acara").fill(eventName);
  await staff.getByLabel("Tempat").fill("Gedung Sultan Suriansyah");
  await staff.getByLabel("Kabupaten/kota").selectOption("63.71");
  await staff.getByLabel("Mulai").fill(today);
  await staff.getByLabel("Selesai").fill(today);
  await staff.getByRole("button", { name: "Buat acara" }).click();
  await expect(staff.getByRole("status")).toContainText("Acara dibuat");
  const eventUrl = staff.url();

  // 2. at the venue, the facilitator registers the UMKM on a phone without JavaScript
  const fCtx = await browser.newContext(phoneSized);
  const f = await fCtx.newPage();
  await signIn(f, "pendamping@anjung.test");
  await f.goto("/facilitate");
  await f
    .getByTestId("open-events")
    .locator("li", { hasText: eventName })
    .getByRole("link", { name: "Daftarkan UMKM" })
    .click();
  await f.getByLabel("Nama usaha atau pemilik").fill(umkm);
  await f.getByLabel("Nomor HP / WhatsApp").fill("12");
  await f.getByLabel("Produk", { exact: true }).fill("Keripik kelakai, amplang");
  await f.getByRole("combobox", { name: "NIB", exact: true }).selectOption("NONE");
  await f.getByRole("combobox", { name: "Sertifikat halal", exact: true }).selectOption("NONE");
  await f.getByRole("combobox", { name: "Izin BPOM", exact: true }).selectOption("NONE");
  await f.getByRole("checkbox", { name: "NIB", exact: true }).check();
  await f.getByRole("checkbox", { name: "Sertifikat halal", exact: true }).check();
  await f.getByRole("button", { name: "Daftarkan" }).click();
  // a number that is not one is refused, and everything typed stays
  await expect(f.getByRole("alert")).toBeVisible();
  await expect(f.getByLabel("Nama usaha atau pemilik")).toHaveValue(umkm);
  await expect(f.getByRole("checkbox", { name: "Sertifikat halal", exact: true })).toBeChecked();
  await f.getByLabel("Nomor HP / WhatsApp").fill(local);
  await f.getByRole("button", { name: "Daftarkan" }).click();
  await expect(f.getByTestId("intake-done")).toContainText(`${umkm} terdaftar sebagai UMKM baru`);
  const claimCode = (await f.getByTestId("claim-code").innerText()).trim();
  expect(claimCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  // the same UMKM again (its number typed another way) is recognised, not registered twice
  await f.getByLabel("Nama usaha atau pemilik").fill("Ibu Kelakai");
  await f.getByLabel("Nomor HP / WhatsApp").fill(`+62 ${local.slice(1, 4)} ${local.slice(4)}`);
  await f.getByLabel("Produk", { exact: true }).fill("Keripik");
  await f.getByRole("combobox", { name: "NIB", exact: true }).selectOption("NONE");
  await f.getByRole("combobox", { name: "Sertifikat halal", exact: true }).selectOption("NONE");
  await f.getByRole("combobox", { name: "Izin BPOM", exact: true }).selectOption("NONE");
  await f.getByRole("button", { name: "Daftarkan" }).click();
  await expect(f.getByRole("alert")).toContainText("sudah terdaftar di acara ini");

  // 3. the follow-up: the facilitator helped it get an NIB in OSS
  await f.goto("/facilitate");
  const task = f.getByTestId("follow-up").filter({ hasText: umkm });
  await expect(task).toContainText("NIB, Sertifikat halal");
  await task.getByLabel("Apa yang sudah dilakukan").fill("Mendampingi daftar NIB di OSS, NIB terbit.");
  await task.getByLabel("NIB yang sudah didapat").fill(nib);
  await task.getByRole("button", { name: "Tandai selesai" }).click();
  await expect(f.getByRole("status")).toContainText("Tindak lanjut dicatat");
  await expect(f.getByTestId("follow-up").filter({ hasText: umkm })).toHaveCount(0);

  // 4. the owner signs up with its phone number and the WhatsApp code, and claims the business
  const oCtx = await browser.newContext(phoneSized);
  const owner = await oCtx.newPage();
  await owner.goto("/login");
  await owner.getByTestId("use-phone").click();
  await owner.getByLabel("Nomor HP / WhatsApp").fill(local);
  await owner.getByRole("button", { name: "Kirim kode" }).click();
  await expect(owner.getByTestId("code-sent")).toContainText(e164);
  const code = await whatsAppCode(e164);
  expect(code).toMatch(/^\d{6}$/);
  const wrong = code === "000000" ? "000001" : "000000";
  await owner.getByLabel("Kode 6 angka").fill(wrong);
  await owner.getByRole("button", { name: "Masuk" }).click();
  await expect(owner.getByRole("alert")).toContainText("Kode salah");
  await owner.getByLabel("Kode 6 angka").fill(code!);
  await owner.getByLabel("Nama Anda").fill("Ibu Sari");
  await owner.getByRole("button", { name: "Masuk" }).click();
  await expect(owner).not.toHaveURL(/\/phone/);
  await owner.goto("/claim");
  await owner.getByLabel("NIB usaha atau nomor HP").fill(local);
  await owner.getByLabel("Kode klaim").fill(claimCode.toLowerCase());
  await owner.getByRole("button", { name: "Klaim akun" }).click();
  await expect(owner).toHaveURL(/\/sell/);
  await expect(owner.getByTestId("ladder-next")).toContainText("NIB sedang diperiksa staf");

  // 5. staff verify the business with its NIB
  await staff.goto("/trade/verification");
  await staff.getByTestId("queue-producer").filter({ hasText: umkm }).getByRole("button", { name: "Setujui" }).click();
  await expect(staff.getByTestId("queue-producer").filter({ hasText: umkm })).toHaveCount(0);

  // 6. the ladder advances: NIB done, next P-IRT or halal
  await owner.goto("/sell");
  await expect(owner.getByTestId("ladder-next")).toContainText("Langkah berikut: P-IRT atau sertifikat halal");
  await expect(owner.locator('[data-state="done"]', { hasText: "NIB terverifikasi" })).toBeVisible();

  // 7. the event counts it: registered, and an NIB verified since the event
  await staff.goto(eventUrl);
  await expect(staff.getByTestId("outcome-registrations")).toContainText("1");
  await expect(staff.getByTestId("outcome-nib")).toContainText("1");
  await expect(staff.getByTestId("intakes")).toContainText(umkm);

  // 8. a sales statement for a KUR application, and the page the bank checks it on
  await owner.goto("/sell/statement");
  const [download] = await Promise.all([
    owner.waitForEvent("download"),
    owner.getByRole("button", { name: "Buat dan unduh laporan (PDF)" }).click(),
  ]);
  const { pdfText } = await import("../helpers/files");
  const chunks: Buffer[] = [];
  for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
  const pdf = await pdfText(Buffer.concat(chunks));
  expect(pdf).toContain("Laporan Penjualan Terverifikasi");
  expect(pdf).toContain(umkm);
  expect(pdf).toContain(`NIB ${nib}`);
  await owner.goto("/sell/statement");
  await owner.getByRole("link", { name: "Halaman verifikasi" }).first().click();
  await expect(owner.getByRole("main")).toContainText(umkm);
  await expect(owner.getByRole("main")).toContainText("masih sesuai dengan buku besar");
  const [row] = await query<{ onBehalf: number }>(
    `SELECT COUNT(*)::int AS "onBehalf" FROM "AuditLog" WHERE action = 'producer.follow-up' AND "entityId" IN (SELECT id FROM "Producer" WHERE "legalName" = $1)`,
    [umkm],
  );
  expect(row!.onBehalf).toBe(1);
  await Promise.all([staffCtx.close(), fCtx.close(), oCtx.close()]);
});
