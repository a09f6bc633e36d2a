import type { FastifyInstance } from 'fastify';

/** The content types an upload route accepts as a raw body (the real type is read from the bytes by `storeUpload`). */
export const RAW_UPLOAD_CONTENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/heic', 'image/heif', 'application/octet-stream'];

/** Body limit of an upload route: the file limit plus a margin, so an oversized file gets `storeUpload`'s French 413. */
export function uploadBodyLimit(maxBytes: number): number {
  return maxBytes + 1024 * 1024;
}

/**
 * Lets the routes of an encapsulated scope (`app.register(async (scope) => …)`) receive a file as the raw request
 * body, as a Buffer. For the journey's public upload route too:
 *   app.register(async (scope) => { acceptRawUploads(scope, max); scope.withTypeProvider<ZodTypeProvider>().post(url, { bodyLimit: uploadBodyLimit(max), … }, …) })
 * where `max` is the configured limit (`config.uploadMaxBytes`).
 */
export function acceptRawUploads(scope: FastifyInstance, maxBytes: number): void {
  scope.addContentTypeParser(RAW_UPLOAD_CONTENT_TYPES, { parseAs: 'buffer', bodyLimit: uploadBodyLimit(maxBytes) }, (_request, body, done) => done(null, body));
}
