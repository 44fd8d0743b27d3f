// An article's bytes as text, for the claim checker: UTF-8 (with or without a byte-order mark), UTF-16 with
// its mark, or an encoding named by the caller. Anything else is refused with what it looks like, never guessed.

import { InputError } from "../errors.js";
import { firstBadLine } from "./text.js";

export const ARTICLE_ENCODINGS = ["utf8", "utf16le", "utf16be", "shift_jis"] as const;
export type ArticleEncoding = (typeof ARTICLE_ENCODINGS)[number];

/** Longer than any article: a book-length text is still a few MB. */
export const MAX_ARTICLE_BYTES = 16 * 1024 * 1024;

const DECODER_NAME: Record<ArticleEncoding, string> = { utf8: "utf-8", utf16le: "utf-16le", utf16be: "utf-16be", shift_jis: "shift_jis" };

function decodeStrict(bytes: Uint8Array, encoding: ArticleEncoding): string | null {
  try {
    return new TextDecoder(DECODER_NAME[encoding], { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** UTF-16 without a mark shows as a zero byte beside most ASCII characters: which side says which order. */
function looksLikeUtf16(bytes: Uint8Array): "utf16le" | "utf16be" | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return "utf16le";
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return "utf16be";
  return null;
}

/**
 * Decodes an article. Without `encoding`: a UTF-8 or UTF-16 byte-order mark decides; else the text must be
 * UTF-8. UTF-16 without a mark, or Shift_JIS, is named in the error, with the option that reads it.
 */
export function decodeArticle(bytes: Uint8Array, file: string, encoding?: ArticleEncoding): string {
  if (bytes.length > MAX_ARTICLE_BYTES) throw new InputError({ file }, `is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; boeki checks articles of up to ${MAX_ARTICLE_BYTES / 1024 / 1024} MB`);
  let chosen = encoding;
  let body = bytes;
  if (!chosen) {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) [chosen, body] = ["utf8", bytes.subarray(3)];
    else if (bytes[0] === 0xff && bytes[1] === 0xfe) [chosen, body] = ["utf16le", bytes.subarray(2)];
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) [chosen, body] = ["utf16be", bytes.subarray(2)];
  }
  if (chosen) {
    const text = decodeStrict(body, chosen);
    if (text === null) throw new InputError({ file }, `is not valid ${DECODER_NAME[chosen].toUpperCase()} text${encoding ? "" : " (its byte-order mark says it is)"}`);
    return text.replace(/^\ufeff/, "");
  }
  const utf16 = looksLikeUtf16(bytes);
  if (utf16) throw new InputError({ file }, `looks like UTF-16 (${utf16 === "utf16le" ? "little" : "big"}-endian) without a byte-order mark; pass --encoding ${utf16} to read it, or save it as UTF-8`);
  const text = decodeStrict(bytes, "utf8");
  if (text !== null) return text;
  const sjis = decodeStrict(bytes, "shift_jis") !== null ? "; the bytes read as Shift_JIS: pass --encoding shift_jis" : "";
  throw new InputError({ file, line: firstBadLine(new TextDecoder("utf-8", { fatal: true }), bytes) }, `is not valid UTF-8 text${sjis}`);
}
