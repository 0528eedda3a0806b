// Writes ../claude-gemini-counts.json: the Claude and Gemini token counts of ai-tokenizer (npm, MIT; version pinned in
// package.json, 1.0.6), an implementation independent of PromptBudget, for a fixed set of varied texts. The Core tests
// (ClaudeGeminiReferenceTests) assert that PromptBudget's estimate of each is within 1% of these numbers.
//
// Rerun (only when adding texts or changing the pinned versions; the output is committed):
//   cd tests/PromptBudget.Core.Tests/Fixtures/claude-gemini && npm ci && node generate-claude-gemini-counts.mjs
// (npm ci installs ai-tokenizer@1.0.6 and @anthropic-ai/tokenizer@0.0.4 from the npm registry; .npmrc skips
// ai-tokenizer's optional peer dependency on the Vercel AI SDK, which counting does not use.)
//
// What is recorded per text, for ai-tokenizer's model configurations (src/models.json of coder/ai-tokenizer 1.0.6):
// - claude.raw: ai-tokenizer's "claude" encoding (the legacy Claude vocabulary) count of the text;
// - claude.content: round(raw × contentMultiplier 1.1), ai-tokenizer's fitted Claude 3.x–4.5 content count;
// - claude.request: sdk.count() of a request with the text as its one user message, for anthropic/claude-sonnet-4.5
//   (baseOverhead 6 + perMessage 2 + the role's tokens + the content);
// - gemini.raw / content / request: the same with the o200k_base encoding and google/gemini-2.5-pro
//   (contentMultiplier 1.08, baseOverhead −1, perMessage −1);
// - anthropicTokenizer: @anthropic-ai/tokenizer's own countTokens(text) (it NFKC-normalises first; ai-tokenizer and
//   PromptBudget do not), a cross-check that ai-tokenizer's "claude" encoding is Anthropic's vocabulary.
// Texts never contain the legacy special-token strings (<EOT>, <META>, …): ai-tokenizer's encode() throws on them.
import Tokenizer, { models } from "ai-tokenizer";
import { count } from "ai-tokenizer/sdk";
import * as encoding from "ai-tokenizer/encoding";
import { countTokens as anthropicCount } from "@anthropic-ai/tokenizer";
import { readFileSync, writeFileSync } from "node:fs";

const version = (name) => JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url))).version;
const claudeModel = models["anthropic/claude-sonnet-4.5"];
const geminiModel = models["google/gemini-2.5-pro"];
const claude = new Tokenizer(encoding[claudeModel.encoding]);
const gemini = new Tokenizer(encoding[geminiModel.encoding]);

// A small linear congruential generator: the same texts on every run.
let seed = 20261010;
const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
const randomFrom = (length, alphabet) => Array.from({ length }, () => alphabet[(next() >>> 8) % alphabet.length]).join("");

const englishProse = "The quarterly report shows that revenue grew by 12% while operating costs stayed flat. Customers asked for clearer invoices, and the support team answered most tickets within a day. ";
const texts = [
  ["english-short", "Hello, world!"],
  ["english-sentence", "The quick brown fox jumps over the lazy dog."],
  ["english-prose", englishProse + "Next quarter we expect growth to slow as the new pricing takes effect."],
  ["english-system-prompt", "You are a helpful support assistant for Contoso. Answer briefly, cite the knowledge base, and never invent order numbers. If unsure, say you don't know."],
  ["english-contractions", "I'll say it's fine, you're right, they've gone, we'd know, I'm sure and she's here; DON'T SHOUT, It'S odd."],
  ["english-long", englishProse.repeat(40)],
  ["german-prose", "Die Bundesregierung hat am Mittwoch beschlossen, die Förderung für erneuerbare Energien deutlich auszuweiten. Verbraucherschützer begrüßen die Entscheidung, warnen aber vor steigenden Netzentgelten."],
  ["german-compounds", "Donaudampfschifffahrtsgesellschaftskapitän, Rechtsschutzversicherungsgesellschaften und Kraftfahrzeug-Haftpflichtversicherung sind übliche Wörter im Versicherungsrecht."],
  ["french-prose", "Le gouvernement a annoncé mercredi une série de mesures destinées à soutenir les petites entreprises, notamment une réduction des charges sociales et un accès facilité au crédit."],
  ["spanish-prose", "El ayuntamiento aprobó ayer un plan para ampliar los carriles bici y reducir el tráfico en el centro histórico durante los fines de semana."],
  ["russian-prose", "Правительство объявило о новых мерах поддержки малого бизнеса, включая снижение налогов и упрощённый доступ к кредитам."],
  ["japanese-prose", "東京の天気は晴れです。明日は雨が降るかもしれませんので、傘を持って出かけてください。人工知能は私たちの働き方を変えつつあります。"],
  ["chinese-prose", "人工智能正在改变我们的工作方式。许多公司开始使用大型语言模型来自动回复客户的问题，并提高工作效率。"],
  ["korean-prose", "인공지능은 세상을 바꾸고 있습니다. 많은 기업들이 고객 문의에 자동으로 답변하기 위해 언어 모델을 사용하기 시작했습니다."],
  ["arabic-prose", "أعلنت الحكومة يوم الأربعاء عن حزمة من الإجراءات لدعم الشركات الصغيرة، بما في ذلك تخفيض الضرائب وتسهيل الحصول على القروض."],
  ["hindi-prose", "सरकार ने बुधवार को छोटे व्यवसायों की सहायता के लिए नए उपायों की घोषणा की, जिसमें करों में कटौती और ऋण तक आसान पहुंच शामिल है।"],
  ["multilingual-mix", "你好！機械学習についての情報を教えてください。한국어로도 설명할 수 있나요? Пожалуйста, объясните на русском языке. شكراً لك. Merci beaucoup, danke schön!"],
  ["csharp-code", "using System.Linq;\n\nnamespace Shop;\n\npublic sealed class Cart<T> where T : IItem\n{\n    private readonly List<T> _items = new();\n\n    public decimal Total => _items.Sum(i => i.Price * i.Quantity);\n\n    public async Task<IReadOnlyList<Order>> LoadAsync(int id) =>\n        await db.Orders.Where(o => o.CustomerId == id).ToListAsync();\n}\n"],
  ["python-code", "def fibonacci(n: int) -> list[int]:\n    \"\"\"Return the first n Fibonacci numbers.\"\"\"\n    if n <= 0:\n        raise ValueError(\"n must be positive\")\n    seq = [0, 1]\n    while len(seq) < n:\n        seq.append(seq[-1] + seq[-2])\n    return seq[:n]\n\nif __name__ == \"__main__\":\n    print(fibonacci(10))\n"],
  ["typescript-code", "export const fetchData = async (url: string): Promise<Result> => {\n  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });\n  if (!response.ok) throw new Error(`HTTP ${response.status}`);\n  return (await response.json()) as Result;\n};\n"],
  ["sql-query", "SELECT c.id, c.name, SUM(o.total) AS revenue\nFROM customers c\nJOIN orders o ON o.customer_id = c.id\nWHERE o.created_at >= '2024-01-01'\nGROUP BY c.id, c.name\nHAVING SUM(o.total) > 1000\nORDER BY revenue DESC\nLIMIT 20;"],
  ["json-object", "{\"id\": 42, \"name\": \"Contoso Ltd.\", \"tags\": [\"billing\", \"priority\"], \"address\": {\"street\": \"1 Main St\", \"city\": \"Seattle\", \"zip\": \"98101\"}, \"active\": true, \"balance\": 1234.56}"],
  ["json-schema", "{\"type\":\"object\",\"properties\":{\"label\":{\"type\":\"string\",\"enum\":[\"billing\",\"outage\",\"other\"]},\"confidence\":{\"type\":\"number\",\"minimum\":0,\"maximum\":1},\"reasons\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},\"required\":[\"label\",\"confidence\"],\"additionalProperties\":false}"],
  ["json-pretty", JSON.stringify({ order: { id: "A-1001", items: [{ sku: "X1", qty: 2, price: 9.99 }, { sku: "Y7", qty: 1, price: 24.5 }], shipping: { method: "express", eta: "2024-06-01" } } }, null, 2)],
  ["yaml-config", "name: support-bot\nmodel: claude-sonnet-4-5\nsettings:\n  temperature: 0.2\n  max_tokens: 1024\n  tools:\n    - search_kb\n    - create_ticket\n"],
  ["markdown-table", "| Model | Input | Output |\n|-------|------:|-------:|\n| gpt-4o | $2.50 | $10.00 |\n| claude-sonnet-4-5 | $3.00 | $15.00 |\n| gemini-2.5-pro | $1.25 | $10.00 |\n"],
  ["html-snippet", "<div class=\"card\"><h2 id=\"title\">Order #1001</h2><p>Status: <strong>shipped</strong></p><a href=\"https://example.com/orders/1001?ref=email\">Track</a></div>"],
  ["whitespace-long-spaces", "start" + " ".repeat(300) + "middle" + " ".repeat(1000) + "end"],
  ["whitespace-tabs-newlines", "a\t\tb\n\n\n\tc  \r\n  d" + "\n".repeat(50) + "e" + "\t".repeat(40) + "f\n"],
  ["whitespace-indented-code", "        if (x) {\n                return y;\n        }\n".repeat(10)],
  ["emoji-simple", "Great job 🎉🎉 — shipping now 🚀🔥💯 thanks 👍😀"],
  ["emoji-zwj-flags", "Family 👨‍👩‍👧‍👦, flags 🇩🇪🇯🇵🇺🇸, skin tones 👋🏽👋🏿, keycaps 1️⃣2️⃣#️⃣"],
  ["math-symbols", "Explain: ψ(x) = Ae^(ikx), ℏω = E_n, ∀x ∈ ℝ, ∃y: x² + y² ≤ 1, ∑_{i=1}^{n} i = n(n+1)/2, √2 ≈ 1.41421356"],
  ["numbers-ids", "Order 1234567890, 0xDEADBEEF, 192.168.1.1, UUID 550e8400-e29b-41d4-a716-446655440000, price $19.99, 2024-01-15T10:30:45Z"],
  ["url-and-base64", "https://api.example.com/v1/customers/42/orders?from=2024-01-01&limit=50 token=" + randomFrom(120, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")],
  ["accents-latin", "Café, naïve, résumé, Zürich, coöperation, crème brûlée, São Paulo, Łódź, Ångström, façade."],
  ["long-word-no-spaces", randomFrom(3000, "abcdefghijklmnopqrstuvwxyz")],
  ["long-cjk-run", randomFrom(1200, "的一是不了人我在有他这中大来上个国和也子时道出而要于就下得可你年生")],
];

const roundFit = (raw, multiplier) => Math.round(raw * multiplier);
const request = (model, tokenizer, text) => count({ tokenizer, model, messages: [{ role: "user", content: text }] }).total;

const cases = texts.map(([name, text]) => {
  const claudeRaw = claude.encode(text).length;
  const geminiRaw = gemini.encode(text).length;
  return {
    name,
    text,
    claude: { raw: claudeRaw, content: roundFit(claudeRaw, claudeModel.tokens.contentMultiplier), request: request(claudeModel, claude, text) },
    gemini: { raw: geminiRaw, content: roundFit(geminiRaw, geminiModel.tokens.contentMultiplier), request: request(geminiModel, gemini, text) },
    anthropicTokenizer: anthropicCount(text),
  };
});

// A conversation: system, user, assistant and user messages, counted as one request.
const conversation = [
  { role: "system", content: texts[3][1] },
  { role: "user", content: "Where is my order A-1001? It was due yesterday." },
  { role: "assistant", content: "I'm sorry for the delay. Order A-1001 shipped on Monday and should arrive tomorrow." },
  { role: "user", content: "Can you send me the tracking link?" },
];

const output = {
  generator: "claude-gemini/generate-claude-gemini-counts.mjs",
  source: `ai-tokenizer ${version("ai-tokenizer")} (npm), @anthropic-ai/tokenizer ${version("@anthropic-ai/tokenizer")} (npm)`,
  claudeModel: { id: "anthropic/claude-sonnet-4.5", encoding: claudeModel.encoding, ...claudeModel.tokens },
  geminiModel: { id: "google/gemini-2.5-pro", encoding: geminiModel.encoding, ...geminiModel.tokens },
  roleTokens: Object.fromEntries(["system", "user", "assistant", "tool"].map((role) => [role, { claude: claude.encode(role).length, gemini: gemini.encode(role).length }])),
  conversation: {
    messages: conversation,
    claude: count({ tokenizer: claude, model: claudeModel, messages: conversation }).total,
    gemini: count({ tokenizer: gemini, model: geminiModel, messages: conversation }).total,
  },
  cases,
};
writeFileSync(new URL("../claude-gemini-counts.json", import.meta.url), JSON.stringify(output, null, 1) + "\n");
console.log(`wrote ${cases.length} cases`);
for (const c of cases) {
  const mark = c.claude.raw === c.anthropicTokenizer ? "" : `  (@anthropic-ai/tokenizer: ${c.anthropicTokenizer})`;
  console.log(`${c.name.padEnd(28)} claude ${String(c.claude.raw).padStart(5)} → ${String(c.claude.request).padStart(5)}   gemini ${String(c.gemini.raw).padStart(5)} → ${String(c.gemini.request).padStart(5)}${mark}`);
}
