import { checkHealth } from "~/domain/health.server";

export async function loader() {
  const health = await checkHealth();
  return new Response(JSON.stringify(health), {
    status: health.status === "down" ? 503 : 200,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });
}
