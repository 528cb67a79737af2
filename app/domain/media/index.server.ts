/** Images: what other areas may use. */
export { ImageRefused, inspectImage, MAX_UPLOAD_BYTES, storeImage } from "./images.server";
export { uploadsDir } from "./product-images.server";
