// Writes the OTLP/JSON trace files PromptBudget's usage-file tests read, with the OpenTelemetry JS SDK
// and the SDK's own OTLP/JSON serializer (nothing here is PromptBudget code). One
// ExportTraceServiceRequest per line, as the OpenTelemetry Collector's file exporter writes them.
// Run: npm ci && node generate.js  (writes traces.jsonl and traces.jsonl.gz next to this script)
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
