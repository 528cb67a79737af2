import { test, expect, expectAccessible, query, uniqueEmail } from "./fixtures";

test("a buyer signs up, signs out and signs in again", async ({ page }) => {
  const email = uniqueEmail("buyer");
  await page.goto("/signup");
  await expectAccessible(page);
  await page.getByLabel("Nama lengkap").fill("Siti Rahmah");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Kata sandi").fill("short");
  await page.getByRole("button", { name: "Daftar" }).click();
  // a clear error, and the form keeps what was typed
  await expect(page.getByText("Kata sandi minimal 10 karakter.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expect(page.getByLabel("Nama lengkap")).toHaveValue("Siti Rahmah");

  await page.getByLabel("Kata sandi").fill("sasirangan-banjar-2026");
  await page.getByRole("button", { name: "Daftar" }).click();
  await expect(page).toHaveURL(/\/\?notice=signedUp$/);
  await expect(page.getByTestId("notice")).toHaveText("Selamat datang di Anjung! Akun Anda sudah dibuat.");
  await expect(page.getByTestId("account-link")).toHaveText("Siti Rahmah");

  await page.getByRole("button", { name: "Keluar" }).click();
  await expect(page.getByTestId("notice")).toHaveText("Anda sudah keluar.");
  await expect(page.getByRole("link", { name: "Masuk" })).toBeVisible();

  await page.getByRole("link", { name: "Masuk" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Kata sandi").fill("wrong-password-here");
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page.getByRole("alert")).toHaveText("Email atau kata sandi salah.");
  await expect(page.getByLabel("Email")).toHaveValue(email);

  await page.getByLabel("Kata sandi").fill("sasirangan-banjar-2026");
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page.getByTestId("account-link")).toHaveText("Siti Rahmah");
  await page.getByTestId("account-link").click();
  await expect(page.getByTestId("account-hello")).toHaveText("Halo, Siti Rahmah");
  await expectAccessible(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the demo buyer signs in and out in English", async ({ page }) => {
    await page.goto("/en/login");
    await page.getByLabel("Email").fill("buyer@anjung.test");
    await page.getByLabel("Password").fill("anjung-demo-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/en$/);
    await expect(page.getByTestId("account-link")).toHaveText("Pembeli Demo");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  });

  test("sign-up errors render and keep the input", async ({ page }) => {
    await page.goto("/signup");
    await page.getByLabel("Email").fill("bukan-email");
    await page.getByRole("button", { name: "Daftar" }).click();
    await expect(page.getByText("Masukkan alamat email yang valid.")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue("bukan-email");
  });
});

test("a forgotten password is reset from the emailed link", async ({ page }) => {
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill("staff@anjung.test");
  await page.getByRole("button", { name: "Kirim tautan" }).click();
  await expect(page.getByRole("status")).toContainText("tautan atur ulang sudah kami kirim");
  const [mail] = await query<{ text: string }>(
    `SELECT text FROM "OutboundMail" WHERE "to" = $1 AND kind = 'password-reset' ORDER BY "createdAt" DESC LIMIT 1`,
    ["staff@anjung.test"],
  );
  const link = /(http:\/\/\S+reset-password\?token=\S+)/.exec(mail.text)![1];
  await page.goto(new URL(link).pathname + new URL(link).search);
  await page.getByLabel("Kata sandi baru").fill("kopi-aranio-meratus-1");
  await page.getByRole("button", { name: "Simpan kata sandi" }).click();
  await expect(page.getByText("Kata sandi sudah diganti. Silakan masuk.")).toBeVisible();
  await page.getByLabel("Email").fill("staff@anjung.test");
  await page.getByLabel("Kata sandi").fill("kopi-aranio-meratus-1");
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page.getByTestId("account-link")).toHaveText("Staf Rumah Dagang");
});
