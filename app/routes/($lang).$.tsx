/** Any path no route claims: a localised 404 inside the site chrome. */
export function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}
