/**
 * The Indonesian gateway boundary (Xendit, through its official `xendit-node` SDK): QRIS codes
 * and bank virtual accounts as one-time payment requests, their status, refunds, and the
 * callback's verification token. Only this file talks to Xendit; tests point the SDK at a
 * local fake of the same HTTP API (XENDIT_API_URL). Why Xendit: docs/decisions/011-xendit.md.
 */
import crypto from "node:crypto";
import { Xendit, XenditSdkError } from "xendit-node";
import { getEnv } from "~/lib/env.server";
import { minorPerMajor } from "../money";

let cached: { key: string; client: Xendit } | undefined;

function client(): Xendit | null {
  const env = getEnv();
  if (!env.XENDIT_SECRET_KEY) return null;
  const key = `${env.XENDIT_SECRET_KEY}|${env.XENDIT_API_URL ?? ""}`;
  if (cached?.key === key) return cached.client;
  cached = {
    key,
    client: new Xendit({
      secretKey: env.XENDIT_SECRET_KEY,
      ...(env.XENDIT_API_URL ? { xenditURL: env.XENDIT_API_URL } : {}),
    }),
  };
  return cached.client;
}

/** QRIS and virtual accounts are offered when both the key and the callback token are set. */
export function gatewayPaymentsEnabled(): boolean {
  const env = getEnv();
  return !!env.XENDIT_SECRET_KEY && !!env.XENDIT_CALLBACK_TOKEN;
}

/** Xendit takes a QRIS payment of at most Rp10.000.000 (Bank Indonesia's QRIS cap); larger totals go by virtual account. */
export const QRIS_MAX_AMOUNT = 1_000_000_000n;

/** The banks buyers may pick for a virtual account. */
export function virtualAccountBanks(): string[] {
  return getEnv()
    .XENDIT_VA_BANKS.split(",")
    .map((b) => b.trim().toUpperCase())
    .filter((b) => /^[A-Z_]{2,20}$/.test(b));
}

/** Xendit takes IDR in whole rupiah; our amounts are minor units (sen). */
function toXenditAmount(minor: bigint, currency: string) {
  const per = minorPerMajor(currency);
  if (minor % per !== 0n) throw new Error(`${currency} ${minor} is not a whole amount for Xendit`);
  return Number(minor / per);
}

export function fromXenditAmount(amount: number, currency: string): bigint {
  return BigInt(Math.round(amount)) * minorPerMajor(currency);
}

export type GatewayCharge = {
  requestId: string;
  channel: string;
  qrString: string | null;
  vaNumber: string | null;
  expiresAt: Date;
};

/** Opens a one-time QRIS code or virtual account for an order; a retry with the same order gets the same request. */
export async function createGatewayPayment(order: {
  id: string;
  number: string;
  amount: bigint;
  currency: string;
  method: "QRIS" | "VIRTUAL_ACCOUNT";
  bank: string | null;
  customerName: string;
  expiresAt: Date;
}): Promise<GatewayCharge> {
  const x = client();
  if (!x) throw new Error("Xendit is not configured");
  const channelProperties = { expiresAt: order.expiresAt };
  const pr = await x.PaymentRequest.createPaymentRequest({
    idempotencyKey: `payment-request-${order.id}`,
    data: {
      referenceId: order.id,
      amount: toXenditAmount(order.amount, order.currency),
      currency: "IDR",
      description: `Anjung ${order.number}`,
      metadata: { orderNumber: order.number },
      paymentMethod:
        order.method === "QRIS"
          ? { type: "QR_CODE", reusability: "ONE_TIME_USE", qrCode: { channelCode: "QRIS", channelProperties } }
          : {
              type: "VIRTUAL_ACCOUNT",
              reusability: "ONE_TIME_USE",
              virtualAccount: {
                channelCode: (order.bank ?? "BNI") as "BNI",
                channelProperties: { ...channelProperties, customerName: order.customerName.slice(0, 60) },
              },
            },
    },
  });
  const qr = pr.paymentMethod.qrCode?.channelProperties;
  const va = pr.paymentMethod.virtualAccount;
  return {
    requestId: pr.id,
    channel: order.method === "QRIS" ? "QRIS" : (va?.channelCode ?? order.bank ?? "BNI"),
    qrString: qr?.qrString ?? null,
    vaNumber: va?.channelProperties.virtualAccountNumber ?? null,
    expiresAt: qr?.expiresAt ?? va?.channelProperties.expiresAt ?? order.expiresAt,
  };
}

/** The request's state at the gateway (the buyer's return asks, in case the callback is late). */
export async function gatewayPaymentStatus(requestId: string) {
  const x = client();
  if (!x) return null;
  const pr = await x.PaymentRequest.getPaymentRequestByID({ paymentRequestId: requestId });
  return {
    status: pr.status as string,
    referenceId: pr.referenceId,
    amount: fromXenditAmount(pr.amount ?? 0, pr.currency),
    currency: pr.currency as string,
  };
}

/** Refunds a QRIS payment (virtual accounts cannot be refunded through Xendit: staff transfer it back). */
export async function createGatewayRefund(refundId: string, requestId: string, amountMinor: bigint, currency: string) {
  const x = client();
  if (!x) throw new Error("Xendit is not configured");
  return x.Refund.createRefund({
    idempotencyKey: `refund-${refundId}`,
    data: {
      paymentRequestId: requestId,
      referenceId: refundId,
      amount: toXenditAmount(amountMinor, currency),
      currency: "IDR",
      reason: "REQUESTED_BY_CUSTOMER",
    },
  });
}

/** Xendit signs a callback with the account's verification token in `x-callback-token`; compared in constant time. */
export function verifyCallbackToken(header: string | null): boolean {
  const token = getEnv().XENDIT_CALLBACK_TOKEN;
  if (!token || !header) return false;
  const a = crypto.createHash("sha256").update(header).digest();
  const b = crypto.createHash("sha256").update(token).digest();
  return crypto.timingSafeEqual(a, b);
}

export { XenditSdkError };
