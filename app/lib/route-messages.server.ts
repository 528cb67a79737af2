/**
 * Each page ships only the locale namespaces its routes declare in `handle.i18n`: the root
 * declares what the header, footer, notices and errors use; every page route declares what
 * its own components use (app/lib/route-messages.test.ts reads the components and fails
 * when a route uses a namespace it does not declare). The `($lang)` layout's loader finds the
 * routes that match the request and returns their namespaces; it runs again on every
 * navigation to another path, so the next page's messages arrive with its data.
 */
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import type { ServerBuild } from "@remix-run/node";
import type { AppLocale, Messages, RouteHandle } from "./i18n";
import { messagesFor } from "./i18n.server";

type Routes = ServerBuild["routes"];

const trees = new WeakMap<Routes, AgnosticRouteObject[]>();

function tree(routes: Routes): AgnosticRouteObject[] {
  let out = trees.get(routes);
  if (out) return out;
  const children = (parentId: string | undefined): AgnosticRouteObject[] =>
    Object.values(routes)
      .filter((r) => r?.parentId === parentId)
      .map((r) => ({
        id: r!.id,
        path: r!.path,
        index: r!.index,
        caseSensitive: r!.caseSensitive,
        children: r!.index ? undefined : children(r!.id),
      })) as AgnosticRouteObject[];
  out = children(undefined);
  trees.set(routes, out);
  return out;
}

const staticSegments = new WeakMap<Routes, Set<string>>();

/** Every literal path segment of the route tree, lower-cased (route paths match case-insensitively). */
function literals(routes: Routes): Set<string> {
  let out = staticSegments.get(routes);
  if (out) return out;
  out = new Set<string>();
  for (const r of Object.values(routes))
    for (const seg of (r?.path ?? "").split("/"))
      if (seg && !seg.startsWith(":") && seg !== "*") out.add(seg.toLowerCase());
  staticSegments.set(routes, out);
  return out;
}

/**
 * A path segment that is no route's literal can only be matched by a parameter or a splat, so
 * replacing every such segment with one placeholder matches the same routes: `/products/madu-1`
 * and `/products/amplang-2` share the shape `/products/~`. Matching (which compiles every
 * route's pattern on each call, ~0.4 ms) runs once per shape; shapes are few, and the memo is
 * bounded.
 */
function shapeOf(routes: Routes, pathname: string): string {
  const known = literals(routes);
  return pathname
    .split("/")
    .map((seg) => {
      if (!seg) return seg;
      let decoded = seg;
      try {
        decoded = decodeURIComponent(seg);
      } catch {
        // a malformed escape stays as it is, and is no literal
      }
      return known.has(decoded.toLowerCase()) ? decoded : "~";
    })
    .join("/");
}

const byShape = new WeakMap<Routes, Map<string, string[]>>();
const MAX_SHAPES = 2000;

/** The namespaces the routes matching `pathname` declare, without those of the root. */
export function routeNamespaces(routes: Routes, pathname: string): string[] {
  let memo = byShape.get(routes);
  if (!memo) byShape.set(routes, (memo = new Map()));
  const shape = shapeOf(routes, pathname);
  let out = memo.get(shape);
  if (!out) {
    if (memo.size >= MAX_SHAPES) memo.clear();
    memo.set(shape, (out = namespacesOfMatch(routes, shape)));
  }
  return out;
}

function namespacesOfMatch(routes: Routes, pathname: string): string[] {
  const matches = matchRoutes(tree(routes), pathname) ?? [];
  const out = new Set<string>();
  for (const m of matches) {
    if (m.route.id === "root") continue;
    const handle = routes[m.route.id!]?.module.handle as RouteHandle | undefined;
    for (const ns of handle?.i18n ?? []) out.add(ns);
  }
  return [...out].sort();
}

/** The messages of the page at `request`'s path (every namespace when the app was not given its routes). */
export function pageMessages(request: Request, context: unknown, locale: AppLocale): Messages {
  const routes = (context as { routes?: Routes } | undefined)?.routes;
  if (!routes) return messagesFor(locale);
  return messagesFor(locale, routeNamespaces(routes, new URL(request.url).pathname));
}
