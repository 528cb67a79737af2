/** An order line's names as sold, in the reader's language (lines keep both, see OrderLine). */
export function lineNames(
  line: { productName: string; productNameEn: string; variantName: string; variantNameEn: string },
  locale: string,
): { product: string; variant: string } {
  return locale === "en"
    ? { product: line.productNameEn, variant: line.variantNameEn }
    : { product: line.productName, variant: line.variantName };
}
