import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Just enough of S3 for the storage tests to drive the real SDK over HTTP: PUT,
 * GET, HEAD and DELETE on path-style `/<bucket>/<key>`. Buckets need not exist,
 * nothing is authenticated and no other S3 feature is honoured.
 */
export interface FakeS3Object {
  body: Buffer;
  contentType: string | undefined;
  /** The `x-amz-checksum-sha256` header the client sent, so tests can check it. */
  checksumSha256: string | undefined;
}

export interface FakeS3Server {
  endpoint: string;
  /** Keyed by `<bucket>/<key>`; tests may edit it to simulate tampering. */
  objects: Map<string, FakeS3Object>;
  close(): Promise<void>;
}

export async function startFakeS3Server(): Promise<FakeS3Server> {
  const objects = new Map<string, FakeS3Object>();
  const server = http.createServer((request, response) => {
    handle(objects, request, response).catch((error: unknown) => {
      sendError(response, 500, 'InternalError', String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    objects,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // The SDK keeps connections alive; without this close() would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}

async function handle(
  objects: Map<string, FakeS3Object>,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://fake-s3');
  const name = decodeURIComponent(url.pathname.slice(1));
  const body = await readBody(request);
  if (!name.includes('/')) return sendError(response, 501, 'NotImplemented', 'Only object operations exist here');

  switch (request.method) {
    case 'PUT': {
      const { content, trailers } = isAwsChunked(request)
        ? decodeAwsChunked(body)
        : { content: body, trailers: {} as Record<string, string> };
      objects.set(name, {
        body: content,
        contentType: request.headers['content-type'],
        checksumSha256: headerValue(request, 'x-amz-checksum-sha256') ?? trailers['x-amz-checksum-sha256'],
      });
      response.writeHead(200, { ETag: `"${createHash('md5').update(content).digest('hex')}"` });
      return void response.end();
    }
    case 'GET':
    case 'HEAD': {
      const object = objects.get(name);
      if (!object) {
        // HEAD responses carry no body, which is why the SDK reports them as plain `NotFound`.
        return sendError(response, 404, 'NoSuchKey', 'The specified key does not exist.');
      }
      response.writeHead(200, {
        'Content-Type': object.contentType ?? 'application/octet-stream',
        'Content-Length': object.body.byteLength,
      });
      return void response.end(request.method === 'GET' ? object.body : undefined);
    }
    case 'DELETE':
      objects.delete(name);
      response.writeHead(204);
      return void response.end();
    default:
      return sendError(response, 501, 'NotImplemented', `${request.method} is not supported`);
  }
}

function sendError(response: http.ServerResponse, status: number, code: string, message: string): void {
  if (response.headersSent) return void response.destroy();
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  response.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(xml) });
  response.end(xml);
}

async function readBody(request: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function headerValue(request: http.IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The SDK streams bodies with a trailing checksum as `aws-chunked` content encoding. */
function isAwsChunked(request: http.IncomingMessage): boolean {
  const encoding = headerValue(request, 'content-encoding') ?? '';
  const payloadHash = headerValue(request, 'x-amz-content-sha256') ?? '';
  return encoding.split(',').some((part) => part.trim() === 'aws-chunked') || payloadHash.startsWith('STREAMING-');
}

/**
 * aws-chunked framing: `<hex size>[;chunk-signature=…]\r\n<data>\r\n` repeated, ended by a
 * zero-size chunk followed by optional trailer headers (e.g. the checksum). HTTP's own
 * chunked transfer encoding has already been removed by node:http.
 */
export function decodeAwsChunked(encoded: Buffer): { content: Buffer; trailers: Record<string, string> } {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = encoded.indexOf('\r\n', offset);
    if (lineEnd < 0) throw new Error('Malformed aws-chunked body: missing chunk header');
    const sizeField = encoded.subarray(offset, lineEnd).toString('latin1').split(';')[0]!.trim();
    const size = Number.parseInt(sizeField, 16);
    if (!Number.isFinite(size)) throw new Error(`Malformed aws-chunked size ${JSON.stringify(sizeField)}`);
    if (size === 0) return { content: Buffer.concat(parts), trailers: parseTrailers(encoded.subarray(lineEnd + 2)) };
    const dataStart = lineEnd + 2;
    parts.push(encoded.subarray(dataStart, dataStart + size));
    offset = dataStart + size + 2; // skip the data and its trailing CRLF
  }
}

function parseTrailers(block: Buffer): Record<string, string> {
  const trailers: Record<string, string> = {};
  for (const line of block.toString('latin1').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return trailers;
}
