/**
 * The size limit of an import file. A declared size (upload header, file stat) is checked before a
 * byte is read; a stream without one is counted while it is read and stopped at the first byte over
 * the limit, so a 1 GB file never sits in memory. Either way: `import_file_too_large`.
 */
import { AppError } from '../../domain/errors.ts';

export const DEFAULT_MAX_IMPORT_BYTES = 100 * 1024 * 1024;

const tooLarge = (maxBytes: number) =>
  new AppError('import_file_too_large', {
    params: { limitMb: Math.floor(maxBytes / (1024 * 1024)) },
    details: { maxBytes },
  });

export const assertImportSize = (input: { size: number; maxBytes?: number }): void => {
  const maxBytes = input.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  if (input.size > maxBytes) throw tooLarge(maxBytes);
};

/** The source's chunks, failing as soon as more than `maxBytes` have come through. */
export async function* limitBytes(input: {
  source: AsyncIterable<Uint8Array>;
  maxBytes?: number;
}): AsyncGenerator<Uint8Array> {
  const maxBytes = input.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  let total = 0;
  for await (const chunk of input.source) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooLarge(maxBytes);
    yield chunk;
  }
}

/** A whole (small) file in memory, within the limit: for xlsx and vCard, whose libraries need it all. */
export const readAllBytes = async (input: {
  source: AsyncIterable<Uint8Array>;
  maxBytes?: number;
}): Promise<Buffer> => {
  const chunks: Uint8Array[] = [];
  for await (const chunk of limitBytes(input)) chunks.push(chunk);
  return Buffer.concat(chunks);
};
