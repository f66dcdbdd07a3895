/**
 * The request body as text, read no further than a limit: a 1 GB body is refused after
 * its first 16 KB, not buffered. `Content-Length` is trusted only to refuse early; the
 * bytes are counted in any case (chunked bodies have no length).
 */

/** `null` when the body is larger than `limit` bytes; throws on bytes that are not UTF-8. */
export async function readLimitedText(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get('Content-Length'));
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!request.body) return '';

  const reader = request.body.getReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
