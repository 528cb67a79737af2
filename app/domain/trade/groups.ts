/**
 * How a koperasi's passed units are shared among its members: in proportion to each member's
 * share of the allocation, in whole units, the remainder one unit each to the largest
 * fractions (ties: the larger share, then the member id), so the parts add up exactly.
 */
export type MemberShare = { memberId: string; quantity: number };

export function scaleShares(shares: MemberShare[], passed: number): MemberShare[] {
  const total = shares.reduce((s, x) => s + x.quantity, 0);
  if (total === 0 || passed <= 0) return shares.map((s) => ({ memberId: s.memberId, quantity: 0 }));
  const goal = Math.min(passed, total);
  const parts = shares.map((s, i) => {
    const num = s.quantity * goal;
    return { i, base: Math.floor(num / total), rem: num % total };
  });
  let missing = goal - parts.reduce((s, p) => s + p.base, 0);
  const order = [...parts].sort(
    (a, b) =>
      b.rem - a.rem ||
      shares[b.i].quantity - shares[a.i].quantity ||
      (shares[a.i].memberId < shares[b.i].memberId ? -1 : 1),
  );
  for (const p of order) {
    if (missing <= 0) break;
    p.base++;
    missing--;
  }
  return shares.map((s, i) => ({ memberId: s.memberId, quantity: parts[i].base }));
}
