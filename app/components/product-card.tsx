import { Link } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { Price } from "./price";
import { localePath, type AppLocale } from "~/lib/i18n";
import { Picture } from "./picture";

export type CardData = {
  slug: string;
  name: string;
  producer: string;
  region: string;
  price: { amount: bigint; currency: string } | null;
  inStock: boolean;
  image: { key: string; width: number; height: number; widths: number[]; alt: string } | null;
  certifications: string[];
};

export function ProductCard({
  product,
  locale,
  eager = false,
  title,
}: {
  product: CardData;
  locale: AppLocale;
  eager?: boolean;
  title?: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <article className="card">
      <Link to={localePath(`/products/${product.slug}`, locale)}>
        {product.image && <Picture image={product.image} sizes="(max-width: 600px) 50vw, 220px" eager={eager} />}
        <div className="body">
          <h3>{title ?? product.name}</h3>
          {product.price && (
            <p>
              <Price amount={product.price.amount} currency={product.price.currency} />
            </p>
          )}
          <p className="meta">
            {product.producer} · {product.region}
          </p>
          {!product.inStock && <p className="meta">{t("product.outOfStock")}</p>}
          <p>
            {product.certifications.map((c) => (
              <span key={c} className="cert">
                {t(`cert.${c}`)}
              </span>
            ))}
          </p>
        </div>
      </Link>
    </article>
  );
}
