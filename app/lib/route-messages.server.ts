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

/** The namespaces the routes matching `pathname` declare, without those of the root. */
export function routeNamespaces(routes: Routes, pathname: string): string[] {
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
