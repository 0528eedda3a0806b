// Writes ../token-counts.json: tiktoken's counts (js-tiktoken, an independent implementation) for a
// fixed set of varied texts, in o200k_base and cl100k_base. The Core tests assert that
// Microsoft.ML.Tokenizers gives the same numbers. Run: npm ci && node generate-token-counts.mjs
// Every text is encoded as plain text, encode(text, [], []): a special-token string such as
// <|endoftext|> inside a message is ordinary text to the providers, never the special token.
import { getEncoding } from "js-tiktoken";
import { readFileSync, writeFileSync } from "node:fs";

const version = JSON.parse(readFileSync(new URL("./node_modules/js-tiktoken/package.json", import.meta.url))).version;
const o200k = getEncoding("o200k_base");
const cl100k = getEncoding("cl100k_base");

// A small linear congruential generator: the same texts on every run.
let seed = 20260724;
const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
const pick = (items) => items[next() % items.length];

const prose = "The quarterly report shows that revenue grew by 12% while operating costs stayed flat. ";
const code = "public static async Task<IReadOnlyList<Order>> LoadAsync(int id) => await db.Orders.Where(o => o.CustomerId == id).ToListAsync();\n";
const cjk = "人工智能正在改变我们的工作方式。東京の天気は晴れです。인공지능은 세상을 바꾸고 있습니다。";

function longText() {
  const parts = [prose, code, cjk, "  \n\t", "{\"id\": 42, \"tags\": [\"a\", \"b\"]}\n", "emoji 😀🚀 ", "1234567890 "];
  let text = "";
  while (text.length < 52000) {
    text += pick(parts);
  }
  return text;
}

// Special-token strings: every special token of o200k_base and cl100k_base (js-tiktoken's own lists),
// plus chat-markup strings that are special in neither. Each alone, glued to letters, at the start
// and the end of a sentence, and repeated.
const specialTokens = [...new Set([...Object.keys(o200k.specialTokens), ...Object.keys(cl100k.specialTokens)])].sort();
const markupStrings = ["<|im_start|>", "<|im_end|>", "<|im_sep|>", "<|start|>", "<|message|>", "<|end|>", "<|endoftext", "endoftext|>", "<|ENDOFTEXT|>"];
const caseName = (token) =>
  (token.startsWith("<|") ? "" : "open-missing-") + token.replace(/[^A-Za-z_]/g, "").toLowerCase()
  + (/[A-Z]/.test(token) ? "-uppercase" : "") + (token.endsWith("|>") ? "" : "-close-missing");
const specialCases = [
  ["special-summarize-endoftext", "Summarize the text below.<|endoftext|>Then translate it."],
  ["special-say-fim-im", "Say <|fim_prefix|> and <|im_start|> literally."],
  ["special-chatml-conversation", "<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|endoftext|>"],
  ["special-all-in-one", specialTokens.join(" ") + "\n" + specialTokens.join("")],
];
for (const token of [...specialTokens, ...markupStrings]) {
  const name = caseName(token);
  specialCases.push(
    [`special-${name}-alone`, token],
    [`special-${name}-glued`, `abc${token}def`],
    [`special-${name}-start`, `${token} starts this sentence.`],
    [`special-${name}-end`, `This sentence ends with ${token}`],
    [`special-${name}-repeated`, token.repeat(5) + " " + (token + "\n").repeat(3)],
  );
}

// Long runs with no space: one pre-tokenised piece each, where a plain BPE merge is quadratic.
// PromptBudget counts long pieces with its own (heap-ordered, same merge order) byte-pair merge;
// these check that it counts what tiktoken counts.
// Their own generator, so that the texts above keep their values.
let longSeed = 20260725;
const nextLong = () => (longSeed = (Math.imul(longSeed, 1103515245) + 12345) >>> 0);
const randomLetters = (length, alphabet) => Array.from({ length }, () => alphabet[(nextLong() >>> 8) % alphabet.length]).join("");
const randomCjk = (length) => Array.from({ length }, () => String.fromCharCode(0x4e00 + ((nextLong() >>> 8) % 0x2200))).join("");
const longCases = [
  ["long-a-5000", "a".repeat(5000)],
  ["long-random-letters-3000", randomLetters(3000, "abcdefghijklmnopqrstuvwxyz")],
  ["long-random-mixed-case-3000", randomLetters(3000, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")],
  ["long-upper-2000", randomLetters(2000, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")],
  ["long-word-repeated-600", "tokenization".repeat(600)],
  ["long-cjk-2000", randomCjk(2000)],
  ["long-cjk-sentence-run-1500", cjk.replace(/[。\s]/g, "").repeat(40).slice(0, 1500)],
  ["long-punctuation-3000", randomLetters(3000, "!?.,;:-_=+*#()[]{}<>|/\\~^&%$@")],
  ["long-emoji-800", randomLetters(800, ["😀", "🚀", "🎉", "👍", "🔥"])],
  ["long-spaces-2000", "x" + " ".repeat(2000) + "y"],
  ["long-newlines-1000", "!" + "\n".repeat(1000) + "z"],
  ["long-base64-4000", randomLetters(4000, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")],
  ["long-word-in-prose", prose + randomLetters(2500, "abcdefghijklmnopqrstuvwxyz") + " " + prose],
];

// The static text of the prompt files the analyzer tests read (tests/PromptBudget.Analyzers.Tests/PromptFiles):
// each message's text with its template holes left out, or filled from the file's defaults and samples.
const promptFileCases = [
  ["prompt-file-sk-slogan-static", "Write one short slogan for the product below.\nKeep it under ten words and avoid exclamation marks.\nTone: \n\nProduct: \n"],
  ["prompt-file-sk-slogan-default", "Write one short slogan for the product below.\nKeep it under ten words and avoid exclamation marks.\nTone: friendly\n\nProduct: \n"],
  ["prompt-file-prompty-support-system", "You are a support agent for Contoso. Answer in two sentences or fewer."],
  ["prompt-file-prompty-support-user-static", "Hi, I am . "],
  ["prompt-file-prompty-support-user-sample", "Hi, I am Dana. Where is my order?"],
  ["prompt-file-prompty-classify-system", "Classify the ticket into one of these labels:\n\nReply with the label only."],
  // Semantic Kernel YAML templates (tests/PromptBudget.Core.Tests/PromptFiles/SemanticKernelYamlTemplateTests.cs): GenerateStory.yaml,
  // GenerateStoryHandlebars.yaml and a ContosoChatPrompt-shaped template (its system message, and the line ends around the history loop).
  ["prompt-file-sk-yaml-story-static", "Tell a story about  that is  sentences long.\n"],
  ["prompt-file-sk-yaml-story-handlebars-static", "Tell a story about  that is  sentences long. Include  words in response.\n"],
  ["prompt-file-sk-yaml-contoso-system-static", "\n    You are an AI agent for the Contoso Outdoors products retailer. As the agent, you answer questions briefly,\n    succinctly, and in a personable manner using markdown and the customer's name.\n\n    # Customer Context\n    First Name: \n    Membership Status: \n"],
  ["prompt-file-sk-yaml-contoso-outside-static", "\n\n"],
];

// The agents' texts (tests/PromptBudget.Analyzers.Tests/Recognizers/AgentCallSiteTests.cs): Semantic Kernel ChatCompletionAgent
// instructions (as written, and a template filled from its arguments), Agent Framework ChatClientAgent instructions (and the
// agent's and the run's joined by a line break, as the agent sends them), the question and the additional instructions.
const agentCases = [
  ["agent-sk-instructions", "You are a support agent for Contoso. Look up orders with the tools before you answer."],
  ["agent-sk-template", "You help {{$customer}} with their orders. Be brief."],
  ["agent-sk-template-filled", "You help Dana with their orders. Be brief."],
  ["agent-additional-instructions", "Answer in one sentence."],
  ["agent-question", "Where is my order 1234?"],
  ["agent-maf-instructions", "You are an order assistant. Use the tools to look up orders."],
  ["agent-maf-instructions-joined", "You are an order assistant. Use the tools to look up orders.\nReply in French."],
];

// Prompts built by helper methods of the app (tests/PromptBudget.Analyzers.Tests/Evaluation/HelperMethodTests.cs): each
// piece of known text the analyzer counts, and the whole text where every part is known.
const helperCases = [
  ["helper-summary-static", "You are a support assistant. Summarise the ticket below in three sentences.\n"],
  ["helper-summary-filled", "You are a support assistant. Summarise the ticket below in three sentences.\nThe printer in room 4 is on fire."],
  ["helper-classify", "Classify the ticket into one of: billing, outage.\nTicket: My invoice is wrong."],
  ["helper-nested", "Question: Where is my order? Answer in French."],
  ["helper-quoted-twice", "<<hi>>"],
  ["helper-recursive-static", "Again: "],
  ["helper-bound-static", "Summarise: "],
  ["helper-virtual-static", "Rules: "],
  ["helper-written-static", "Text: "],
];

const cases = [
  ["english-short", "Hello, world!"],
  ["english-sentence", "The quick brown fox jumps over the lazy dog."],
  ["english-paragraphs", prose.repeat(3) + "\n\nNext quarter we expect growth to slow as the new pricing takes effect.\nCustomers asked for clearer invoices."],
  ["system-prompt", "You are a helpful support assistant for Contoso. Answer briefly, cite the knowledge base, and never invent order numbers. If unsure, say you don't know."],
  ["json-schema-instruction", "Reply only with JSON matching this schema: {\"type\":\"object\",\"properties\":{\"label\":{\"type\":\"string\",\"enum\":[\"billing\",\"outage\"]},\"confidence\":{\"type\":\"number\"}},\"required\":[\"label\"]}"],
  ["csharp-class", "using System.Linq;\n\nnamespace Shop;\n\npublic sealed class Cart<T> where T : IItem\n{\n    private readonly List<T> _items = new();\n    public decimal Total => _items.Sum(i => i.Price * i.Quantity);\n    public async Task SaveAsync(CancellationToken ct) => await _store.WriteAsync(_items, ct);\n}\n"],
  ["csharp-linq", code.repeat(4)],
  ["python-code", "def fib(n: int) -> int:\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n\nprint([fib(i) for i in range(10)])\n"],
  ["json-document", JSON.stringify({ id: 1, name: "Widget", price: 9.99, tags: ["tools", "home"], nested: { a: [1, 2, 3], b: null, c: true } }, null, 2)],
  ["json-compact", "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}"],
  ["xml-html", "<html><head><title>Orders</title></head><body><div class=\"x\">Hello &amp; welcome</div><br/></body></html>"],
  ["markdown-table", "| Name | Price |\n|---|--:|\n| Widget | $9.99 |\n| Gadget | $19.50 |\n\n**Bold** and _italic_ and `code`."],
  ["sql", "SELECT c.id, COUNT(o.id) AS orders FROM customers c LEFT JOIN orders o ON o.customer_id = c.id WHERE c.created_at >= '2024-01-01' GROUP BY c.id HAVING COUNT(o.id) > 3;"],
  ["numbers", "1234567890123 3.14159265358979 -0.000123 1e-10 42 007 1,000,000 99.5%"],
  ["math", "∫₀^∞ e^{-x²} dx = √π / 2, and ∑_{n=1}^{∞} 1/n² = π²/6; x ≤ y ≥ z ≠ w ± 1"],
  ["chinese", "人工智能正在改变我们的工作和生活方式。大型语言模型可以回答问题、写代码和翻译文本。"],
  ["japanese", "東京は日本の首都です。ひらがなとカタカナと漢字を使います。今日はいい天気ですね。"],
  ["korean", "안녕하세요. 오늘 날씨가 정말 좋네요. 인공지능 모델은 많은 언어를 이해합니다."],
  ["arabic", "مرحبا بكم في متجرنا. نحن نقدم أفضل المنتجات بأسعار مناسبة."],
  ["hebrew", "שלום עולם. זהו טקסט לדוגמה בעברית."],
  ["hindi", "नमस्ते दुनिया। यह हिंदी में एक उदाहरण वाक्य है।"],
  ["thai", "สวัสดีครับ วันนี้อากาศดีมาก"],
  ["cyrillic", "Привет, мир! Это пример текста на русском языке. Съешь же ещё этих мягких французских булок."],
  ["emoji", "Great job! 🎉🎉 👍🏽 ❤️ 🔥"],
  ["emoji-zwj-flags", "👨‍👩‍👧‍👦 👩🏻‍💻 🏳️‍🌈 🇺🇸🇯🇵🇩🇪 🧑🏿‍🚀"],
  ["mixed-scripts", "Order #123 для клиента 田中 — total €45,00 (approx. $48.90) ✅"],
  ["spaces-run", "a" + " ".repeat(100) + "b"],
  ["tabs-run", "\t".repeat(50) + "x"],
  ["newlines-run", "line\n\n\n\n\n\n\n\n\n\nline"],
  ["crlf-run", "a\r\n\r\n\r\n\r\nb\r\n"],
  ["trailing-spaces", "trailing spaces   \nmore   \n   "],
  ["single-space", " "],
  ["empty", ""],
  ["single-char", "x"],
  ["repeat-a-1000", "a".repeat(1000)],
  ["repeat-bang-500", "!!".repeat(500)],
  ["url-email", "Visit https://example.com/path?query=1&lang=en#top or mail support@example.co.uk today."],
  ["base64", "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="],
  ["contractions", "don't, I'll, we've, they're, it's, can't, shouldn't've, y'all"],
  ["accented-latin", "Crème brûlée, señor, Über, façade, naïve, Ångström, ça va?"],
  ["combining-diacritics", "e\u0301 a\u0300 o\u0308 n\u0303 — decomposed accents"],
  // No U+FEFF here: JavaScript's \s matches it, tiktoken's Rust regex (and .NET's) does not, so
  // js-tiktoken splits " \uFEFFbom" differently from tiktoken itself (see ../README.md).
  ["unusual-unicode", "zero\u200Bwidth\u200Djoiner non\u00A0breaking \u200Frtl\u200E mark \u2060word\u2063joiner"],
  ["uppercase-shouting", "PLEASE READ THE INSTRUCTIONS CAREFULLY AND REPLY IN JSON ONLY."],
  ["prompt-template", "Summarize the following ticket in {{$language}}:\n\n{{$ticket}}\n\nReturn three bullet points."],
  ["long-50kb-mixed", longText()],
  ...specialCases,
  ...longCases,
  ...promptFileCases,
  ...agentCases,
  ...helperCases,
];

const output = {
  generator: "generator/generate-token-counts.mjs",
  source: `js-tiktoken ${version} (npm)`,
  cases: cases.map(([name, text]) => ({ name, text, o200k_base: o200k.encode(text, [], []).length, cl100k_base: cl100k.encode(text, [], []).length })),
};
writeFileSync(new URL("../token-counts.json", import.meta.url), JSON.stringify(output, null, 1) + "\n", "utf8");
console.log(`${output.cases.length} cases, ${output.source}`);

// ../tool-counts.json: prompt tokens of chat requests with function tools, by the function-definition formula
// of OpenAI's cookbook "How to count tokens with tiktoken" (section 7, num_tokens_for_tools), written out here
// on js-tiktoken. Its worked example (the first case) is 101 tokens on gpt-4o/gpt-4o-mini and 105 on
// gpt-3.5-turbo/gpt-4, as the OpenAI API reported in the cookbook. Messages as num_tokens_from_messages: 3 per
// message + the role's and the content's tokens + 3 for the reply. The cookbook has no rule for nested
// schemas; PromptBudget's documented rule (a nested property also adds its compact JSON) is applied here too.
const toolModels = {
  "gpt-4o": { encoding: o200k, funcInit: 7 },
  "gpt-4o-mini": { encoding: o200k, funcInit: 7 },
  "gpt-3.5-turbo": { encoding: cl100k, funcInit: 10 },
  "gpt-4": { encoding: cl100k, funcInit: 10 },
};
const PROP_INIT = 3, PROP_KEY = 3, ENUM_INIT = -3, ENUM_ITEM = 3, FUNC_END = 12;
const isNested = (p) => ["properties", "items", "anyOf", "oneOf", "allOf", "$ref"].some((k) => k in p)
  || (typeof p.additionalProperties === "object" && p.additionalProperties !== null);
function toolTokens(tools, model) {
  const { encoding, funcInit } = toolModels[model];
  const n = (text) => encoding.encode(text, [], []).length;
  const strip = (text) => (text.endsWith(".") ? text.slice(0, -1) : text);
  let count = 0;
  for (const { function: f } of tools) {
    count += funcInit + n(f.name + ":" + strip(f.description ?? ""));
    const properties = f.parameters?.properties ?? {};
    if (Object.keys(properties).length > 0) {
      count += PROP_INIT;
      for (const [key, p] of Object.entries(properties)) {
        count += PROP_KEY;
        if ("enum" in p) {
          count += ENUM_INIT;
          for (const item of p.enum) count += ENUM_ITEM + n(typeof item === "string" ? item : JSON.stringify(item));
        }
        const type = p.type === undefined ? "" : typeof p.type === "string" ? p.type : JSON.stringify(p.type);
        count += n(`${key}:${type}:${strip(p.description ?? "")}`);
        if (isNested(p)) count += n(JSON.stringify(p));
      }
    }
    for (const defs of ["$defs", "definitions"]) {
      if (f.parameters && typeof f.parameters[defs] === "object") count += n(JSON.stringify(f.parameters[defs]));
    }
  }
  return tools.length > 0 ? count + FUNC_END : 0;
}
function messageTokens(messages, model) {
  const { encoding } = toolModels[model];
  let count = 3;
  for (const message of messages) {
    count += 3;
    for (const value of Object.values(message)) count += encoding.encode(value, [], []).length;
  }
  return count;
}
const fn = (name, description, parameters) => ({ type: "function", function: { name, description, parameters } });
const weather = fn("get_current_weather", "Get the current weather in a given location", {
  type: "object",
  properties: {
    location: { type: "string", description: "The city and state, e.g. San Francisco, CA" },
    unit: { type: "string", description: "The unit of temperature to return", enum: ["celsius", "fahrenheit"] },
  },
  required: ["location"],
});
const weatherMessages = [
  { role: "system", content: "You are a helpful assistant that can answer to questions about the weather." },
  { role: "user", content: "What's the weather like in San Francisco?" },
];
const orderMessages = [{ role: "user", content: "Where is my order?" }];
const toolCases = [
  ["cookbook-weather", weatherMessages, [weather]],
  ["no-parameters", orderMessages, [fn("list_orders", "Lists the customer's open orders.", { type: "object", properties: {} })]],
  ["two-tools-enums", orderMessages, [
    fn("get_order", "Gets one order by its number.", { type: "object", properties: { order_id: { type: "string", description: "The order number, e.g. A-1042." } }, required: ["order_id"] }),
    fn("set_priority", "Sets the priority of a ticket", { type: "object", properties: {
      ticket: { type: "integer", description: "Ticket id" },
      priority: { type: "string", description: "New priority.", enum: ["low", "normal", "high", "urgent"] },
      notify: { type: "boolean" },
    } }),
  ]],
  ["nested-object-and-array", orderMessages, [
    fn("create_shipment", "Creates a shipment for the given items.", { type: "object", properties: {
      address: { type: "object", description: "Where to ship", properties: { street: { type: "string" }, city: { type: "string" }, zip: { type: "string" } }, required: ["street", "city"] },
      items: { type: "array", description: "Line items", items: { type: "object", properties: { sku: { type: "string" }, quantity: { type: "integer", minimum: 1 } } } },
      express: { type: ["boolean", "null"], description: "Express delivery." },
    } }),
  ]],
];
// Semantic Kernel 1.82: the tools its OpenAI connector sends for the kernel plugin of the analyzer tests
// (tests/PromptBudget.Analyzers.Tests/Recognizers/SemanticKernelPluginToolTests.cs): a class `Orders` with two
// [KernelFunction] methods, advertised as "Plugin-Function" with SK's parameter schemas (a default value appended to the
// description). SemanticKernelPluginToolTests runs the real connector and asserts it sends exactly these tools. The
// placeholder is the tool the connector sends when a function-choice behavior has no function to advertise.
const ordersGetOrder = fn("Orders-GetOrder", "Gets one order by its number.", {
  type: "object", required: ["orderId"],
  properties: { orderId: { description: "The order number, e.g. A-1042.", type: "string" } },
});
const ordersSetPriority = fn("Orders-set_priority", "Sets the priority of an order", {
  type: "object", required: ["orderId", "priority"],
  properties: {
    orderId: { description: "The order number", type: "string" },
    priority: { type: "string", enum: ["Low", "Normal", "High"] },
    notify: { description: "Tell the customer (default value: True)", type: "boolean" },
  },
});
const skPlaceholder = fn("NonInvocableTool", "A placeholder tool used when no real tools are available", { type: "object", required: [], properties: {} });
const skMessages = [{ role: "user", content: "Where is order A-1042?" }];
toolCases.push(
  ["semantic-kernel-orders-plugin", skMessages, [ordersGetOrder, ordersSetPriority]],
  ["semantic-kernel-orders-get-order", skMessages, [ordersGetOrder]],
  ["semantic-kernel-placeholder", skMessages, [skPlaceholder]],
);
const toolOutput = {
  generator: "generator/generate-token-counts.mjs",
  source: `js-tiktoken ${version} (npm); OpenAI cookbook "How to count tokens with tiktoken", num_tokens_for_tools`,
  cases: toolCases.flatMap(([name, messages, tools]) => Object.keys(toolModels).map((model) => ({
    name, model, messages, tools,
    messageTokens: messageTokens(messages, model),
    toolTokens: toolTokens(tools, model),
    promptTokens: messageTokens(messages, model) + toolTokens(tools, model),
  }))),
};
writeFileSync(new URL("../tool-counts.json", import.meta.url), JSON.stringify(toolOutput, null, 1) + "\n", "utf8");
console.log(`${toolOutput.cases.length} tool cases`);
