/**
 * Finding producers by phone number however it was typed (0812-…, +62 812 …, 62812…): the
 * digits with the Indonesian country code, as the expression index of the event_intake
 * migration has them, so the lookup uses that index.
 */
import { Prisma, type Tx } from "~/lib/db.server";
import { phoneDigits } from "~/lib/phone";

/** Producer.contactPhone as digits with the Indonesian country code, as the migration's expression index has it. */
const phoneDigitsSql = Prisma.sql`(CASE
    WHEN regexp_replace("contactPhone", '[^0-9]', '', 'g') LIKE '0%' THEN '62' || substr(regexp_replace("contactPhone", '[^0-9]', '', 'g'), 2)
    WHEN regexp_replace("contactPhone", '[^0-9]', '', 'g') LIKE '8%' THEN '62' || regexp_replace("contactPhone", '[^0-9]', '', 'g')
    ELSE regexp_replace("contactPhone", '[^0-9]', '', 'g')
  END)`;

/** The producers known by this phone number (E.164), oldest first. */
export async function producersByPhone(tx: Tx, phone: string) {
  return tx.$queryRaw<Array<{ id: string }>>`
    SELECT "id" FROM "Producer" WHERE ${phoneDigitsSql} = ${phoneDigits(phone)} ORDER BY "createdAt" ASC`;
}
