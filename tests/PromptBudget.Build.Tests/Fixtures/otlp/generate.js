// Writes the OTLP/JSON trace files PromptBudget's usage-file tests read, with the OpenTelemetry JS SDK
// and the SDK's own OTLP/JSON serializer (nothing here is PromptBudget code). One
// ExportTraceServiceRequest per line, as the OpenTelemetry Collector's file exporter writes them.
// Run: npm ci && node generate.js         (writes traces.jsonl and traces.jsonl.gz next to this script)
//      npm ci && node generate.js sample  (writes samples/SupportBot/usage/traces.jsonl.gz: two days of the sample's calls)
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { Resource } = require('@opentelemetry/resources');
const { JsonTraceSerializer } = require('@opentelemetry/otlp-transformer');

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({
  resource: new Resource({ 'service.name': 'shop-support-bot' }),
  spanProcessors: [new SimpleSpanProcessor(exporter)],
});
const tracer = provider.getTracer('promptbudget-fixtures', '1.0.0');

// A fixed clock so the timestamps are the same on every run (span and trace ids are random).
let clock = Date.UTC(2026, 6, 1, 12, 0, 0);
function chat(attributes) {
  const model = attributes['gen_ai.request.model'] || attributes['gen_ai.response.model'] || '';
  const span = tracer.startSpan(`chat ${model}`.trim(), { startTime: new Date(clock), attributes });
  clock += 750;
  span.end(new Date(clock));
  clock += 250;
}

const lines = [];
function flush() {
  const spans = exporter.getFinishedSpans();
  lines.push(Buffer.from(JsonTraceSerializer.serializeRequest(spans)).toString('utf8'));
  exporter.reset();
}

if (process.argv[2] === 'sample') {
  writeSample();
  process.exit(0);
}

const answer = '/srv/app/src/Shop/Bot/Answer.cs';
// Batch 1: current semantic-convention names, matched by file and line (the call is on line 41).
const inputs = [900, 1000, 1100, 1150, 1180, 1190, 1195, 1199, 1200, 1350];
inputs.forEach((input, i) => chat({
  'gen_ai.operation.name': 'chat',
  'gen_ai.system': 'openai',
  'gen_ai.request.model': 'gpt-4o',
  'gen_ai.response.model': 'gpt-4o-2024-08-06',
  'gen_ai.usage.input_tokens': input,
  'gen_ai.usage.output_tokens': 100 * (i + 1),
  'gen_ai.usage.cache_read.input_tokens': i % 2 === 0 ? 512 : 0,
  'gen_ai.usage.cache_creation.input_tokens': i === 0 ? 1024 : 0,
  'gen_ai.usage.reasoning.output_tokens': 0,
  'code.file.path': answer,
  'code.line.number': i % 3 === 0 ? 41 : 42,
}));
// The same call with a model the code does not name (configuration drift).
chat({
  'gen_ai.operation.name': 'chat',
  'gen_ai.request.model': 'gpt-4.1',
  'gen_ai.usage.input_tokens': 800,
  'gen_ai.usage.output_tokens': 200,
  'code.file.path': answer,
  'code.line.number': 41,
});
flush();

// Batch 2: older names (prompt_tokens/completion_tokens, code.filepath/code.lineno), a Windows path.
for (let i = 0; i < 5; i++) {
  chat({
    'gen_ai.system': 'openai',
    'gen_ai.request.model': 'gpt-4o-mini',
    'gen_ai.usage.prompt_tokens': 300 + 10 * i,
    'gen_ai.usage.completion_tokens': 50 + i,
    'code.filepath': 'C:\\build\\Shop\\Bot\\Summary.cs',
    'code.lineno': 12,
  });
}
flush();

// Batch 3: no code location (matched by the model alone), a model nobody names, spans without usage.
for (let i = 0; i < 3; i++) {
  chat({
    'gen_ai.operation.name': 'chat',
    'gen_ai.request.model': 'gpt-4o-mini',
    'gen_ai.usage.input_tokens': 400 + i,
    'gen_ai.usage.output_tokens': 60,
  });
}
chat({
  'gen_ai.operation.name': 'chat',
  'gen_ai.request.model': 'claude-sonnet-4-5',
  'gen_ai.usage.input_tokens': 100,
  'gen_ai.usage.output_tokens': 10,
});
chat({ 'http.request.method': 'GET', 'url.path': '/health' });
chat({ 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o' });
flush();

fs.writeFileSync(path.join(__dirname, 'traces.jsonl'), lines.join('\n') + '\n');
fs.writeFileSync(path.join(__dirname, 'traces.jsonl.gz'), zlib.gzipSync(lines.join('\n') + '\n', { level: 9 }));
console.log(`wrote ${lines.length} requests, ${lines.reduce((n, l) => n + (l.match(/"spanId"/g) || []).length, 0)} spans`);

// The SupportBot sample's production traffic over two days: every call site of the sample by its file and
// line (as a wrapper that records code.file.path / code.line.number would), the prompt file's calls by the
// app.feature attribute only (a .prompty has no C# line), and values from a fixed pseudo-random sequence.
// Answering/AnswerService.cs retrieves more knowledge-base text than its [PromptBound(1500)] allows, so its
// largest inputs beat the static worst case (PB3009); Summarizer.cs sets no max output and answers in under
// 200 tokens (PB3014 suggests a value).
function writeSample() {
  let seed = 20260701;
  const next = (min, max) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return min + (seed % (max - min + 1));
  };
  const start = Date.UTC(2026, 6, 1, 0, 0, 0);
  const twoDays = 48 * 3600 * 1000;
  const root = '/app/src/SupportBot/';
  const calls = [];
  const add = (count, make) => { for (let i = 0; i < count; i++) calls.push(make(i)); };
  add(240, (i) => ({
    'gen_ai.operation.name': 'chat', 'gen_ai.system': 'openai', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.response.model': 'gpt-4o-2024-08-06',
    'gen_ai.request.max_tokens': 600,
    'gen_ai.usage.input_tokens': i % 40 === 0 ? next(2100, 2600) : next(900, 1900),
    'gen_ai.usage.output_tokens': next(120, 480),
    'gen_ai.usage.cache_read.input_tokens': i % 3 === 0 ? 0 : 1024,
    'code.file.path': root + 'Answering/AnswerService.cs', 'code.line.number': 25,
  }));
  add(160, () => ({
    'gen_ai.operation.name': 'chat', 'gen_ai.system': 'openai', 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
    'gen_ai.usage.input_tokens': next(300, 820), 'gen_ai.usage.output_tokens': next(60, 190),
    'code.file.path': root + 'Answering/Summarizer.cs', 'code.line.number': 25,
  }));
  add(300, () => ({
    'gen_ai.operation.name': 'chat', 'gen_ai.system': 'openai', 'gen_ai.request.model': 'gpt-4.1-mini',
    'gen_ai.usage.input_tokens': next(120, 700), 'gen_ai.usage.output_tokens': next(1, 4),
    'code.file.path': root + 'Triage/TicketClassifier.cs', 'code.line.number': 25,
  }));
  add(80, (i) => ({
    'gen_ai.operation.name': 'chat', 'gen_ai.system': 'anthropic', 'gen_ai.request.model': 'claude-sonnet-4-6',
    'gen_ai.usage.input_tokens': next(300, 820), 'gen_ai.usage.output_tokens': next(200, 900),
    'gen_ai.usage.cache_read.input_tokens': i === 0 ? 0 : 256, 'gen_ai.usage.cache_creation.input_tokens': i === 0 ? 256 : 0,
    'code.file.path': root + 'Review/ReplyReviewer.cs', 'code.line.number': 22,
  }));
  add(40, () => ({
    'gen_ai.operation.name': 'chat', 'gen_ai.system': 'openai', 'gen_ai.request.model': 'gpt-4o',
    'gen_ai.usage.input_tokens': next(600, 2300), 'gen_ai.usage.output_tokens': next(150, 480),
    'app.feature': 'escalation',
  }));
  // Spread evenly over the two days, in a shuffled (but fixed) order.
  calls.sort((a, b) => (a['gen_ai.usage.input_tokens'] * 7 + a['gen_ai.usage.output_tokens']) % 101 - (b['gen_ai.usage.input_tokens'] * 7 + b['gen_ai.usage.output_tokens']) % 101);
  calls.forEach((attributes, i) => {
    clock = start + Math.floor((i * twoDays) / (calls.length - 1)) - (i === calls.length - 1 ? 1000 : 0);
    chat(attributes);
    if ((i + 1) % 50 === 0) {
      flush();
    }
  });
  flush();
  const target = path.join(__dirname, '..', '..', '..', '..', 'samples', 'SupportBot', 'usage', 'traces.jsonl.gz');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, zlib.gzipSync(lines.join('\n') + '\n', { level: 9 }));
  console.log(`wrote ${lines.length} requests, ${calls.length} spans to ${path.relative(process.cwd(), target)}`);
}
