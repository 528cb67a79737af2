/** image_variants: the AVIF/WebP sizes of one uploaded product photo (see app/domain/media/product-images.server.ts). */
import type { Task } from "graphile-worker";
import { processProductImage } from "~/domain/media/product-images.server";
import { stringField } from "./payload";

export const imageVariantsTask: Task = async (payload) => {
  await processProductImage(stringField(payload, "imageId"));
};
