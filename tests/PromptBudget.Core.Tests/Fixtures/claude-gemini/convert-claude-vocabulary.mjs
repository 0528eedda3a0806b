// Converts the legacy Claude vocabulary of @anthropic-ai/tokenizer (npm, version pinned in package.json)
// into the tiktoken rank-file format that Microsoft.ML.Tokenizers' TiktokenTokenizer loads: one
// "<base64 bytes> <rank>" line per token, raw-deflate compressed like the o200k/cl100k files of the
// Microsoft.ML.Tokenizers.Data packages. Writes, next to the C# that embeds them:
//   src/PromptBudget.Core/Tokenization/Data/claude.tiktoken.deflate
//   src/PromptBudget.Core/Tokenization/Data/NOTICE-claude-tokenizer.txt (source, version, license, checksum)
//
// Rerun (only when the source package changes; the output is committed):
//   cd tests/PromptBudget.Core.Tests/Fixtures/claude-gemini && npm ci && node convert-claude-vocabulary.mjs
//
// The package's claude.json holds { explicit_n_vocab, pat_str, special_tokens, bpe_ranks }, where bpe_ranks is
// tiktoken/lite's compact form: "! <first rank> <base64 token> <base64 token> …", ranks consecutive from the first.
// Its special tokens (<EOT>, <META>, …, ranks 0–4) are not written: PromptBudget counts message text as plain text.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { deflateRawSync } from "node:zlib";

const packageDir = new URL("./node_modules/@anthropic-ai/tokenizer/", import.meta.url);
const packageJson = JSON.parse(readFileSync(new URL("package.json", packageDir)));
const sourceBytes = readFileSync(new URL("claude.json", packageDir));
const claude = JSON.parse(sourceBytes);
const license = readFileSync(new URL("LICENSE", packageDir), "utf8");

// The pre-tokenizer pattern TiktokenData.ClaudePattern holds; the .NET regex is the same text.
const expectedPattern = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
if (claude.pat_str !== expectedPattern) {
  throw new Error(`pat_str changed: ${claude.pat_str}; update TiktokenData.ClaudePattern and this script`);
}

const lines = [];
const seen = new Set();
for (const line of claude.bpe_ranks.split("\n")) {
  if (line.length === 0) continue;
  const [marker, offset, ...tokens] = line.split(" ");
  if (marker !== "!") throw new Error(`unexpected bpe_ranks line start: ${marker}`);
  let rank = Number(offset);
  for (const token of tokens) {
    if (seen.has(token)) throw new Error(`duplicate token ${token}`);
    seen.add(token);
    lines.push(`${token} ${rank++}`);
  }
}

const text = lines.join("\n") + "\n";
const compressed = deflateRawSync(Buffer.from(text, "utf8"), { level: 9 });
const dataDir = new URL("../../../../src/PromptBudget.Core/Tokenization/Data/", import.meta.url);
writeFileSync(new URL("claude.tiktoken.deflate", dataDir), compressed);

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");
const notice = `Claude tokenizer vocabulary (claude.tiktoken.deflate)
==========================================================

Source: the npm package ${packageJson.name} ${packageJson.version} (${packageJson.repository}),
file claude.json (sha256 ${sha256(sourceBytes)}), by ${packageJson.author}.
It is the BPE vocabulary of Anthropic's legacy (pre-Claude 3) tokenizer: ${lines.length} tokens with ranks
${lines.length > 0 ? lines[0].split(" ")[1] : "?"}–${lines.length > 0 ? lines[lines.length - 1].split(" ")[1] : "?"}, pre-tokenizer pattern
  ${claude.pat_str}
and special tokens ${JSON.stringify(claude.special_tokens)} (not included: PromptBudget counts all text as plain text).

Converted by tests/PromptBudget.Core.Tests/Fixtures/claude-gemini/convert-claude-vocabulary.mjs into tiktoken's
rank-file format ("<base64 token> <rank>" per line, ${text.length} bytes, sha256 ${sha256(Buffer.from(text, "utf8"))}),
raw-deflate compressed (sha256 of the compressed file ${sha256(compressed)}).

License: the package declares "license": "${packageJson.license}" in its package.json. Its LICENSE file, reproduced
below, carries this text:

${license.trim()}
`;
writeFileSync(new URL("NOTICE-claude-tokenizer.txt", dataDir), notice);
console.log(`wrote ${lines.length} tokens, ${compressed.length} bytes compressed`);
