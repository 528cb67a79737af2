/**
 * Reading orders: a buyer sees its own orders, a guest sees the order its link's key
 * opens, staff see all. Nobody else learns whether an order number exists.
 */
import crypto from "node:crypto";
import { db } from "~/lib/db.server";
import type { OrderStatus } from "~/generated/prisma/client";
import { localePath, type AppLocale } from "~/lib/i18n";

function sameKey(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

const orderInclude = {
  lines: { orderBy: { id: "asc" as const } },
  fulfilments: {
    include: {
      producer: { select: { legalName: true, slug: true } },
      lines: { select: { id: true } },
      complaint: true,
    },
    orderBy: { createdAt: "asc" as const },
  },
  parcels: {
    include: { service: { select: { nameId: true, nameEn: true, courier: { select: { name: true } } } } },
  },
  refunds: { orderBy: { createdAt: "asc" as const } },
  payments: { orderBy: { createdAt: "asc" as const } },
};

export async function orderForViewer(
  number: string,
  viewer: { userId: string | null; key: string | null; staff: boolean },
) {
  const order = await db.order.findUnique({ where: { number }, include: orderInclude });
  if (!order) return null;
  const buyer =
    (!!viewer.userId && order.buyerId === viewer.userId) || (!!viewer.key && sameKey(viewer.key, order.accessToken));
  return viewer.staff || buyer ? { ...order, viewerIsBuyer: buyer } : null;
}

export type OrderDetail = NonNullable<Awaited<ReturnType<typeof orderForViewer>>>;

export async function buyerOrders(userId: string) {
  return db.order.findMany({
    where: { buyerId: userId },
    orderBy: { createdAt: "desc" },
    take: 50,
    include: {
      fulfilments: {
        select: {
          id: true,
          status: true,
          carrier: true,
          trackingNumber: true,
          producer: { select: { legalName: true } },
        },
      },
      _count: { select: { lines: true } },
    },
  });
}

export async function staffOrders(filter: { status?: OrderStatus; q?: string }) {
  return db.order.findMany({
    where: {
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.q
        ? { OR: [{ number: { contains: filter.q.toUpperCase() } }, { email: { contains: filter.q.toLowerCase() } }] }
        : {}),
    },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: {
      id: true,
      number: true,
      email: true,
      status: true,
      paymentMethod: true,
      totalAmount: true,
      currency: true,
      createdAt: true,
    },
  });
}

/** The link to an order's page: the access key lets a guest in, a buyer's own session does too. */
export function orderPath(order: { number: string; accessToken: string }, locale: AppLocale) {
  return `${localePath(`/orders/${order.number}`, locale)}?key=${order.accessToken}`;
}
