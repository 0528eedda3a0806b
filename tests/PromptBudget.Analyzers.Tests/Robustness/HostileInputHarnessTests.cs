using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PromptBudget.Analyzers.Configuration;
using PromptBudget.Analyzers.Tests.Infrastructure;
using PromptBudget.Core.Reporting;
using Xunit;
using Xunit.Abstractions;

namespace PromptBudget.Analyzers.Tests.Robustness;

/// <summary>
/// A seeded, bounded hostile-input harness: compilations built from templates of the real SDK shapes (OpenAI ChatClient,
/// Microsoft.Extensions.AI with UseFunctionInvocation, Semantic Kernel InvokePromptAsync / CreateFunctionFromPrompt,
/// Anthropic, Google.GenAI stubs, a model read from configuration), mutated in their values, their arguments and
/// their surroundings, with hostile .editorconfig values and hostile AdditionalFiles. Every case runs both analyzers with
/// the driver's <c>onAnalyzerException</c> hook and must throw nothing (no AD0001), finish within a generous bound
/// (a cancellation after <see cref="CaseBound"/>: it only catches a hang), write a payload the build task can read, and
/// keep its calls: a case that compiles without errors reports PB0001 for as many calls as its unmutated template.
/// The analyzer's own telemetry names the slowest cases in the test output (figures there, not in assertions).
/// </summary>
public class HostileInputHarnessTests
{
    private const int Seed = 20261122;
    private const int CodeCases = 120;
    private const int SettingCases = 50;
    private const int FileCases = 60;
    private static readonly TimeSpan CaseBound = TimeSpan.FromSeconds(120);

    private readonly ITestOutputHelper _output;

    public HostileInputHarnessTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public Task MutatedSdkCallsNeverThrowAndKeepTheirCalls() => RunAll(CodeMutations(new Random(Seed)).Concat(FixedCodeCases()).ToList());

    [Fact]
    public Task HostileSettingsNeverThrowAndKeepTheirCalls() => RunAll(SettingMutations(new Random(Seed + 1)).ToList());

    [Fact]
    public Task HostileAdditionalFilesNeverThrowAndKeepTheirCalls() => RunAll(FileMutations(new Random(Seed + 2)).ToList());

    // ---------------------------------------------------------------- templates

    /// <summary>A template: slots {MODEL} {SYS} {PROMPT} {MAX} {PRE} {MEMBERS} {CALL}; the call variants replace {CALL}.</summary>
    private sealed record Template(string Name, string Usings, string Signature, string Body, string[] CallVariants, bool MaxIsLong = false, bool Stubbed = false);

    private static readonly Template[] Templates =
    {
        new("openai",
            "using OpenAI;\nusing OpenAI.Chat;",
            "public object Ask(string key, string input)",
            "var client = new ChatClient({MODEL}, \"key\");\nvar options = new ChatCompletionOptions { MaxOutputTokenCount = {MAX} };\nreturn {CALL};",
            new[]
            {
                "client.CompleteChat(new ChatMessage[] { new SystemChatMessage({SYS}), new UserChatMessage({PROMPT}) }, options)",
                "client.CompleteChat(options: options, messages: new ChatMessage[] { new SystemChatMessage({SYS}), new UserChatMessage({PROMPT}) })",
                "client.CompleteChat([new SystemChatMessage({SYS}), .. new ChatMessage[] { new UserChatMessage({PROMPT}) }, .. Array.Empty<ChatMessage>()], options)",
                "client.CompleteChat()",
                "client.CompleteChat<int>(new UserChatMessage({PROMPT}))",
                "client.CompleteChat(new ChatMessage[] { ChatMessage.CreateSystemMessage({SYS}), {PROMPT} }, options, default, 42)",
                "client.CompleteChatAsync(new ChatMessage[] { new SystemChatMessage({SYS}), new UserChatMessage({PROMPT}) }, options).Result",
            }),
        new("meai",
            "using Microsoft.Extensions.AI;\nusing OpenAI;",
            "public Task<ChatResponse> Ask(string key, string input)",
            "IChatClient inner = new OpenAIClient(key).GetChatClient({MODEL}).AsIChatClient();\nIChatClient client = inner.AsBuilder().UseFunctionInvocation().Build();\nvar options = new ChatOptions { MaxOutputTokens = {MAX}, Instructions = {SYS}, Tools = [AIFunctionFactory.Create((string city) => \"sunny\", \"weather\")] };\nreturn {CALL};",
            new[]
            {
                "client.GetResponseAsync({PROMPT}, options)",
                "client.GetResponseAsync(options: options, chatMessage: {PROMPT})",
                "client.GetResponseAsync(new List<ChatMessage> { new ChatMessage(ChatRole.System, {SYS}), new ChatMessage(ChatRole.User, {PROMPT}) }, options)",
                "client.GetResponseAsync([new ChatMessage(ChatRole.User, {PROMPT}), .. new[] { new ChatMessage(ChatRole.Assistant, {SYS}) }], options)",
                "client.GetResponseAsync<int>({PROMPT}, options).ContinueWith(t => (ChatResponse)t.Result)",
                "client.GetResponseAsync<Undefined>({PROMPT}, options)",
                "client.GetResponseAsync()",
            }),
        new("sk-invoke",
            "using Microsoft.SemanticKernel;\nusing Microsoft.SemanticKernel.Connectors.OpenAI;",
            "public async Task<object> Ask(string key, string input)",
            "var kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion({MODEL}, \"key\").Build();\nvar settings = new OpenAIPromptExecutionSettings { MaxTokens = {MAX}, ChatSystemPrompt = {SYS}, FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };\nreturn await {CALL};",
            new[]
            {
                "kernel.InvokePromptAsync({PROMPT}, new KernelArguments(settings))",
                "kernel.InvokePromptAsync(arguments: new KernelArguments(settings) { [\"x\"] = {SYS} }, promptTemplate: {PROMPT})",
                "kernel.InvokePromptAsync<string>({PROMPT}, new KernelArguments(settings))",
                "kernel.InvokePromptAsync<Undefined, int>({PROMPT})",
                "kernel.InvokePromptAsync()",
            }),
        new("sk-function",
            "using Microsoft.SemanticKernel;\nusing Microsoft.SemanticKernel.Connectors.OpenAI;",
            "public async Task<object> Ask(string key, string input)",
            "var kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion({MODEL}, \"key\").Build();\nvar settings = new OpenAIPromptExecutionSettings { MaxTokens = {MAX}, ChatSystemPrompt = {SYS} };\n{CALL}",
            new[]
            {
                "var function = kernel.CreateFunctionFromPrompt({PROMPT}, settings);\nreturn await kernel.InvokeAsync(function);",
                "var function = KernelFunctionFactory.CreateFromPrompt(executionSettings: settings, promptTemplate: {PROMPT});\nreturn await function.InvokeAsync(kernel);",
                "var function = kernel.CreateFunctionFromPrompt({PROMPT}, settings);\nreturn await kernel.InvokeAsync(function, function);",
                "var function = kernel.CreateFunctionFromPrompt();\nreturn await kernel.InvokeAsync(function);",
            }),
        new("anthropic",
            "#pragma warning disable CS0618\nusing Anthropic;\nusing Anthropic.Models.Messages;",
            "public async Task<object> Ask(AnthropicClient client, string input)",
            "var parameters = new MessageCreateParams { Model = {MODEL}, MaxTokens = {MAX}, System = {SYS}, Messages = [new UserMessageParam({PROMPT})] };\nreturn await {CALL};",
            new[]
            {
                "client.Messages.Create(parameters)",
                "client.Messages.Create(cancellationToken: default, parameters: parameters)",
                "client.Messages.Create(parameters with { Messages = [new MessageParam { Role = Role.User, Content = {PROMPT} }, .. parameters.Messages] })",
                "client.Messages.Create()",
            },
            MaxIsLong: true),
        new("gemini",
            "using Google.GenAI;\nusing Google.GenAI.Types;",
            "public async Task<object> Ask(string key, string input)",
            "var client = new Client(key);\nvar config = new GenerateContentConfig { MaxOutputTokens = {MAX}, SystemInstruction = new Content { Parts = new List<Part> { new Part { Text = {SYS} } } } };\nreturn await {CALL};",
            new[]
            {
                "client.Models.GenerateContentAsync(model: {MODEL}, contents: {PROMPT}, config: config)",
                "client.Models.GenerateContentAsync(config: config, contents: {PROMPT}, model: {MODEL})",
                "client.Models.GenerateContentAsync({MODEL}, new List<Content> { new Content { Role = \"user\", Parts = [new Part { Text = {PROMPT} }] } }, config)",
                "client.Models.GenerateContentAsync({MODEL})",
            },
            Stubbed: true),
        new("configured",
            "using OpenAI;\nusing OpenAI.Chat;\nusing Microsoft.Extensions.Configuration;",
            "public object Ask(IConfiguration configuration, string input)",
            "var client = new ChatClient(configuration[\"AI:Model\"]!, \"key\");\nvar options = new ChatCompletionOptions { MaxOutputTokenCount = {MAX} };\nreturn {CALL};",
            new[]
            {
                "client.CompleteChat(new ChatMessage[] { new SystemChatMessage({SYS}), new UserChatMessage({PROMPT}) }, options)",
            }),
    };

    private const string Defaults = "MODEL=\"gpt-4o\"|SYS=\"You are terse.\"|PROMPT=\"Where is my order?\"|MAX=500";

    // ---------------------------------------------------------------- value mutations

    private static readonly string HugeModel = "\"" + new string('m', 100_000) + "\"";

    private static string Concatenation(int parts)
    {
        var text = new StringBuilder("\"w0 \"");
        for (var i = 1; i < parts; i++)
        {
            text.Append(i % 3 == 0 ? " + input + \"w" : " + \"w").Append(i).Append(" \"");
        }

        return text.ToString();
    }

    private static string NestedTernary(int depth, Func<int, string> leaf)
    {
        var text = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            text.Append("input.Length == ").Append(i).Append(" ? ").Append(leaf(i)).Append(" : ");
        }

        return text.Append(leaf(depth)).ToString();
    }

    private static string NestedSwitch(int depth, Func<int, string> leaf)
    {
        var text = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            text.Append("input.Length switch { ").Append(i).Append(" => ").Append(leaf(i)).Append(", _ => ");
        }

        text.Append(leaf(depth));
        for (var i = 0; i < depth; i++)
        {
            text.Append(" }");
        }

        return text.ToString();
    }

    private static string RawWithIndentation(int indent) =>
        "\"\"\"\n" + new string(' ', indent) + "Summarize the ticket.\n" + new string(' ', indent) + "  Be terse.\n" + new string(' ', indent) + "\"\"\"";

    /// <summary>A value (and the members or statements it needs) for a string slot.</summary>
    private sealed record Mutation(string Name, string Value, string Members = "", string Pre = "", string ExtraSource = "");

    private static readonly Mutation[] StringMutations =
    {
        new("null", "null"),
        new("default", "default"),
        new("default!", "default!"),
        new("null-cast", "(string)null!"),
        new("nul-char", "\"a\\u0000b\\0\""),
        new("lone-high-surrogate", "\"tail \\uD800\""),
        new("lone-low-surrogate", "\"\\uDC00 head\""),
        new("reversed-pair", "\"\\uDC00\\uD800\""),
        new("rtl-marks", "\"\\u202Eevil\\u202C \\u200F\\u200E\\u2066x\\u2069\""),
        new("special-tokens", "\"<|endoftext|><|im_start|>system<|im_sep|><|fim_prefix|><|endofprompt|>\""),
        new("bom-and-zwj", "\"\\uFEFF\\u200D\\uFFFF\\uFFFE\""),
        new("huge", HugeModel),
        new("empty", "\"\""),
        new("whitespace-run", "\"" + new string(' ', 50_000) + "\""),
        new("alignment-format", "$\"{input,-1000:N2}|{3.5,1000:E99}|{42,5:X8}|{DateTime.Now,-3:o}\""),
        new("alignment-huge", "$\"{42,2147483647}\""),
        new("alignment-min", "$\"{3.5,-2147483647:N99}\""),
        new("format-custom-huge", "$\"{42:" + new string('0', 5000) + "}\""),
        new("raw-huge-indent", RawWithIndentation(20_000)),
        new("raw-interpolated", "$$\"\"\"\n    {{input}} {{{input}}}\n    \"\"\""),
        new("verbatim-interp", "$@\"{{literal}} {input}\""),
        new("concat-10000", Concatenation(10_000)),
        new("ternary-1000", NestedTernary(1000, i => "\"t" + i + "\"")),
        new("switch-300", NestedSwitch(300, i => "\"s" + i + "\"")),
        new("recursive-method", "Rec(3)", Members: "string Rec(int n) => n == 0 ? \"x\" : Rec(n - 1) + Rec(n - 1) + \"y\";"),
        new("recursive-property", "P", Members: "string P => P + \"x\";"),
        new("recursive-field", "F", Members: "static readonly string F = F + \"x\";"),
        new("mutual-fields", "F1", Members: "static readonly string F1 = F2 + \"a\"; static readonly string F2 = F1 + \"b\";"),
        new("cyclic-const", "C1", Members: "const string C1 = C2 + \"a\"; const string C2 = C1;"),
        new("self-const", "C", Members: "const string C = C;"),
        new("field-ctor-cycle", "_a", Members: "private readonly string _a; private readonly string _b; Bot() { _a = _b + \"x\"; _b = _a + \"y\"; }"),
        new("local-doubling", "s", Pre: "var s = \"ab\"; for (var i = 0; i < 64; i++) { s += s; }"),
        new("local-self", "s", Pre: "string s = s + \"x\";"),
        new("locals-cycle", "a", Pre: "string a = \"x\", b = \"y\"; a = b + a; b = a + b; a = b + a;"),
        new("dynamic", "(dynamic)input"),
        new("dynamic-member", "((dynamic)\"x\").ToString()"),
        new("missing-type", "new MissingType().Text"),
        new("undefined", "UndefinedName"),
        new("wrong-arity", "string.Concat<int, string>(\"a\")"),
        new("generic-method", "Make<string>(\"g\")", Members: "T Make<T>(T value) => value;"),
        new("lambda", "((Func<string>)(() => \"from lambda\"))()"),
        new("lambda-recursive", "f(3)", Pre: "Func<int, string> f = null!; f = n => n == 0 ? \"x\" : f(n - 1) + \"y\";"),
        new("local-function", "Local(2)", Pre: "string Local(int n) => n == 0 ? \"z\" : Local(n - 1) + Local(n - 1);"),
        new("string-format-bad", "string.Format(\"{0,2147483647}{99}{0:\" + \"\", 1)"),
        new("string-format-null", "string.Format(null!, \"x\")"),
        new("string-join-spread", "string.Join(\", \", [.. Parts, \"a\", .. new[] { \"b\" }])", Members: "static readonly string[] Parts = [\"p\", .. Parts];"),
        new("string-concat-null", "string.Concat((string[])null!)"),
        new("nameof-typeof", "nameof(Bot) + typeof(Bot).Name + default(string)"),
        new("bound-negative", "Bounded", Members: "[PromptBound(-5)] public string Bounded { get; set; } = \"\";", ExtraSource: "class PromptBoundAttribute : System.Attribute { public PromptBoundAttribute(int n) { } }"),
        new("bound-max", "Bounded", Members: "[PromptBound(int.MaxValue)] public string Bounded { get; set; } = \"\";", ExtraSource: "class PromptBoundAttribute : System.Attribute { public PromptBoundAttribute(int n) { } }"),
        new("bound-bad-arg", "Bounded", Members: "[PromptBound(\"x\")] public string Bounded { get; set; } = \"\";", ExtraSource: "class PromptBoundAttribute : System.Attribute { public PromptBoundAttribute(int n) { } }"),
        new("coalesce-chain", "input ?? null ?? default ?? \"x\""),
        new("throw-expression", "input ?? throw new Exception()"),
        new("char-arith", "((char)0xD800).ToString() + (char)65"),
        new("stackalloc-span", "new string(stackalloc char[] { 'a', '\\uD800' })"),
        new("utf8-literal", "System.Text.Encoding.UTF8.GetString(\"abc\"u8)"),
    };

    private static readonly Mutation[] NumberMutations =
    {
        new("int-max", "int.MaxValue"),
        new("int-min", "int.MinValue"),
        new("minus-one", "-1"),
        new("zero", "0"),
        new("null", "null"),
        new("default", "default"),
        new("default!", "default!"),
        new("unchecked-long", "unchecked((int)long.MaxValue)"),
        new("too-big-literal", "9999999999"),
        new("long-max", "long.MaxValue"),
        new("ulong-max", "18446744073709551615"),
        new("overflow-constant", "int.MaxValue + 1"),
        new("unchecked-overflow", "unchecked(int.MaxValue + 1)"),
        new("nan-cast", "unchecked((int)double.NaN)"),
        new("double", "1e308"),
        new("decimal", "0.5m"),
        new("recursive-property", "MaxP", Members: "int MaxP => MaxP + 1;"),
        new("cyclic-const", "K1", Members: "const int K1 = K2 + 1; const int K2 = K1;"),
        new("ternary-1000", NestedTernary(1000, i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        new("undefined", "UndefinedNumber"),
        new("dynamic", "(dynamic)5"),
        new("local-loop", "n", Pre: "var n = 1; for (var i = 0; i < 100; i++) { n *= 10; }"),
        new("parse", "int.Parse(input)"),
    };

    // ---------------------------------------------------------------- surroundings

    private sealed record Wrapper(string Name, Func<string, string, string> Apply, bool TopLevel = false, bool SplitMembers = false);

    private static readonly Wrapper[] Wrappers =
    {
        new("plain", (file, _) => file),
        new("partial-across-files", (file, _) => file, SplitMembers: true),
        new("line-directives", (file, _) => "#line 16707565 \"elsewhere.cs\"\n" + file.Replace("return ", "#line 1 \"x.cs\"\nreturn ").Replace("    public", "#line default\n    public")),
        // Code under #line hidden is generated code to Roslyn's driver: it runs no actions there for an analyzer that does not
        // opt in (PromptBudget does not, as for *.g.cs): the call is skipped by design, and the case only checks nothing throws.
        new("line-hidden", (file, _) => file.Replace("return ", "#line hidden\nreturn ").Replace("    public", "#line default\n    public")),
        new("enhanced-line", (file, _) => file.Replace("return ", "#line (1,1)-(1,2000000) 3 \"gen.cs\"\nreturn ")),
        new("if-regions", (file, _) => file.Replace("return ", "#if DEBUG\n#error not here\n#elif PROMPT\nreturn null!;\n#else\nreturn ") + "\n#endif\n"),
        new("if-broken-region", (file, _) => "#if NEVER\nclass { broken( \"\n#endif\n" + file),
        new("nullable-disable", (file, _) => "#nullable disable\n#pragma warning disable\n" + file),
        new("generic-class", (file, _) => file.Replace("partial class Bot", "partial class Bot<TSelf> where TSelf : Bot<TSelf>")),
        new("nested-local-function", (file, _) => file.Replace("return ", "object Inner() { return ").Replace("\n    }\n", "\n    } return Inner();\n    }\n")),
        new("lambda-body", (file, _) => file.Replace("return ", "Func<object> run = () => ").Replace("\n    }\n", "\n    return run();\n    }\n")),
        new("top-level", (_, topLevel) => topLevel, TopLevel: true),
    };

    private sealed record HostileCase(string Name, string[] Sources, OutputKind Kind, bool Stubbed, string Template,
        IReadOnlyList<(string Path, string Text, byte[]? Bytes)> Files, IReadOnlyDictionary<string, string> Settings);

    private static string Fill(string text, IReadOnlyDictionary<string, string> slots)
    {
        foreach (var slot in slots)
        {
            text = text.Replace("{" + slot.Key + "}", slot.Value);
        }

        return text;
    }

    private static (string[] Sources, OutputKind Kind) Build(Template template, string call, IReadOnlyDictionary<string, string> slots, Mutation? mutation, Wrapper wrapper)
    {
        var header = "using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Threading.Tasks;\n" + template.Usings + "\n";
        var pre = mutation?.Pre ?? "";
        var members = mutation?.Members ?? "";
        var body = Fill(template.Body.Replace("{CALL}", call), slots);
        var method = "    " + template.Signature + "\n    {\n" + pre + "\n" + body + "\n    }\n";
        var sources = new List<string>();
        if (wrapper.TopLevel)
        {
            // The body's parameters become locals; its members become local functions where they can.
            var locals = template.Signature.Contains("AnthropicClient") ? "AnthropicClient client = new AnthropicClient();\n" : template.Signature.Contains("IConfiguration") ? "IConfiguration configuration = null!;\n" : "";
            var program = header + "string key = \"k\";\nstring input = args.Length > 0 ? args[0] : \"\";\n" + locals + pre + "\n"
                + body.Replace("return await ", "await ").Replace("return ", "_ = ") + "\n"
                + "partial class Bot\n{\n" + members + "\n}\n";
            sources.Add(program);
            return (sources.Concat(Extra(mutation)).ToArray(), OutputKind.ConsoleApplication);
        }

        var file = header + "partial class Bot\n{\n" + (wrapper.SplitMembers ? "" : members + "\n") + method + "}\n";
        sources.Add(wrapper.Apply(file, ""));
        if (wrapper.SplitMembers)
        {
            sources.Add(header + "partial class Bot\n{\n" + members + "\n    partial void Nothing();\n}\n");
        }

        return (sources.Concat(Extra(mutation)).ToArray(), OutputKind.DynamicallyLinkedLibrary);
    }

    private static IEnumerable<string> Extra(Mutation? mutation) => string.IsNullOrEmpty(mutation?.ExtraSource) ? Array.Empty<string>() : new[] { mutation!.ExtraSource };

    private static Dictionary<string, string> DefaultSlots() =>
        Defaults.Split('|').Select(p => p.Split(new[] { '=' }, 2)).ToDictionary(p => p[0], p => p[1]);

    private static IEnumerable<HostileCase> CodeMutations(Random random)
    {
        for (var i = 0; i < CodeCases; i++)
        {
            var template = Templates[random.Next(Templates.Length)];
            var call = template.CallVariants[random.Next(4) == 0 ? random.Next(template.CallVariants.Length) : 0];
            var slots = DefaultSlots();
            var slot = new[] { "MODEL", "SYS", "PROMPT", "PROMPT", "MAX" }[random.Next(5)];
            var mutation = slot == "MAX" ? NumberMutations[random.Next(NumberMutations.Length)] : StringMutations[random.Next(StringMutations.Length)];
            slots[slot] = mutation.Value;
            var wrapper = random.Next(3) == 0 ? Wrappers[random.Next(Wrappers.Length)] : Wrappers[0];
            var (sources, kind) = Build(template, call, slots, mutation, wrapper);
            yield return new HostileCase(
                $"#{i} {template.Name} call{Array.IndexOf(template.CallVariants, call)} {slot}={mutation.Name} {wrapper.Name}",
                sources, kind, template.Stubbed, template.Name, Array.Empty<(string, string, byte[]?)>(), new Dictionary<string, string>());
        }
    }

    /// <summary>Every template unmutated in every wrapper, and every call variant: the baselines and the shapes the seed may miss.</summary>
    private static IEnumerable<HostileCase> FixedCodeCases()
    {
        foreach (var template in Templates)
        {
            foreach (var wrapper in Wrappers)
            {
                var (sources, kind) = Build(template, template.CallVariants[0], DefaultSlots(), null, wrapper);
                yield return new HostileCase($"fixed {template.Name} {wrapper.Name}", sources, kind, template.Stubbed, template.Name, Array.Empty<(string, string, byte[]?)>(), new Dictionary<string, string>());
            }

            for (var v = 1; v < template.CallVariants.Length; v++)
            {
                var (sources, kind) = Build(template, template.CallVariants[v], DefaultSlots(), null, Wrappers[0]);
                yield return new HostileCase($"fixed {template.Name} call{v}", sources, kind, template.Stubbed, template.Name, Array.Empty<(string, string, byte[]?)>(), new Dictionary<string, string>());
            }
        }
    }

    // ---------------------------------------------------------------- settings

    private static readonly string[] HostileSettingValues =
    {
        "", " ", "-1", "-0", "0", "99999999999999999999", "9223372036854775808", "2147483648", "NaN", "Infinity", "-Infinity", "1e308", "1e-320",
        "0,5", "1.000,5", "$", "$-1", "$NaN", "0x10", "1_", "_1", "4__000", "\u0000", "\uD800", "\u202E5", "=", ",", "=,=,=", "a=,=b,,==", "a=b=c",
        "true;false", "TRUE", "yes", "default", "sample", "unbounded ", new string('9', 100_000), new string('x', 100_000), "٣٤٥", "１２３",
    };

    private static IEnumerable<HostileCase> SettingMutations(Random random)
    {
        var keys = SettingKeys.All;
        for (var i = 0; i < SettingCases; i++)
        {
            var template = Templates[random.Next(Templates.Length)];
            var settings = new Dictionary<string, string>();
            for (var k = 0; k < 1 + random.Next(3); k++)
            {
                var key = keys[random.Next(keys.Length)];
                var value = HostileSettingValues[random.Next(HostileSettingValues.Length)];
                settings[random.Next(2) == 0 ? key.EditorConfigKey : key.GlobalOptionKey] = value;
            }

            if (random.Next(4) == 0)
            {
                settings[SettingKeys.PriceFileProperty] = HostileSettingValues[random.Next(HostileSettingValues.Length)];
            }

            var (sources, kind) = Build(template, template.CallVariants[0], DefaultSlots(), null, Wrappers[0]);
            yield return new HostileCase($"#{i} {template.Name} settings {string.Join("; ", settings.Select(s => s.Key + "=" + Shorten(s.Value)))}",
                sources, kind, template.Stubbed, template.Name, Array.Empty<(string, string, byte[]?)>(), settings);
        }
    }

    // ---------------------------------------------------------------- additional files

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    private static readonly (string Name, string Text)[] HostileJson =
    {
        ("empty", ""),
        ("open-brace", "{"),
        ("truncated", "{\"AI\": {\"Model\": \"gpt-"),
        ("bom", "\uFEFF{\"AI\": {\"Model\": \"gpt-4o\", \"MaxTokens\": 500}}"),
        ("double-bom", "\uFEFF\uFEFF{}"),
        ("deep-arrays", Repeat("[", 10_000) + Repeat("]", 10_000)),
        ("deep-objects", Repeat("{\"a\":", 10_000) + "1" + Repeat("}", 10_000)),
        ("deep-unclosed", Repeat("[{\"x\":", 5_000)),
        ("top-level-array", "[1, 2, 3]"),
        ("top-level-null", "null"),
        ("huge-number", "{\"AI\": {\"Model\": 1e999999, \"MaxTokens\": 99999999999999999999999}}"),
        ("nul-chars", "{\"AI\u0000\": {\"Model\": \"gpt\u0000-4o\"}}"),
        ("lone-surrogate-escape", "{\"AI\": {\"Model\": \"\\uD800\"}}"),
        ("bad-escape", "{\"AI\": {\"Model\": \"\\u12\"}}"),
        ("comments-and-commas", "// c\n{ /* c */ \"AI\": { \"Model\": \"gpt-4o\", }, }"),
        ("duplicate-keys", "{\"AI\": {\"Model\": \"gpt-4o\"}, \"AI\": {\"Model\": [\"x\"]}}"),
        ("wrong-types", "{\"AI\": [\"Model\"], \"gpt-4o\": \"cheap\"}"),
        ("long-string", "{\"AI\": {\"Model\": \"" + new string('g', 1_000_000) + "\"}}"),
        ("long-key", "{\"" + new string('k', 200_000) + "\": 1}"),
        ("many-keys", "{" + string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"\"m{i}\": {{\"input_cost_per_token\": 1e-6}}")) + "}"),
        ("prices-hostile", "{\"gpt-4o\": {\"input_cost_per_token\": 1e400, \"output_cost_per_token\": -1, \"max_output_tokens\": 1e30, \"max_input_tokens\": \"NaN\", \"litellm_provider\": 5}, \"sample_spec\": null}"),
        ("prices-nan-strings", "{\"gpt-4o\": {\"input_cost_per_token\": \"NaN\", \"output_cost_per_token\": \"Infinity\", \"cache_read_input_token_cost\": \"0,5\", \"max_output_tokens\": -2147483649}}"),
        ("prices-nested", "{\"gpt-4o\": {\"input_cost_per_token\": {\"a\": [1, {\"b\": 2}]}, \"output_cost_per_token\": [1]}}"),
        ("whitespace-only", "   \n\t  "),
        ("control-chars", "{\"a\": \"\u0001\u0002\u001f\"}"),
    };

    private static readonly (string Name, string Text)[] HostileYaml =
    {
        ("empty", ""),
        ("front-matter-only", "---\n---\n"),
        ("unclosed-front-matter", "---\nmodel:\n  configuration:\n    name: gpt-4o\n"),
        ("deep-flow", "---\nmodel: " + Repeat("[", 10_000) + Repeat("]", 10_000) + "\n---\nsystem:\nHi"),
        ("deep-flow-maps", "---\nmodel: " + Repeat("{a: ", 10_000) + "1" + Repeat("}", 10_000) + "\n---\nuser:\nHi"),
        ("deep-indent", "---\n" + string.Concat(Enumerable.Range(0, 600).Select(i => new string(' ', i) + "k" + i + ":\n")) + "---\nHi"),
        ("deep-sequence", "---\n" + string.Concat(Enumerable.Range(0, 600).Select(i => new string(' ', i * 2) + "- \n")) + "---\nHi"),
        ("billion-laughs", "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nmodel:\n  parameters:\n    max_tokens: *g\n---\nsystem:\nHi"),
        ("huge-numbers", "---\nmodel:\n  api: chat\n  configuration:\n    name: gpt-4o\n  parameters:\n    max_tokens: 99999999999999999999999\n    temperature: .nan\n---\nsystem:\nHi {{name}}"),
        ("negative-max", "---\nmodel:\n  configuration:\n    name: gpt-4o\n  parameters:\n    max_tokens: -2147483649\n---\nuser:\nHi"),
        ("tabs", "---\nmodel:\n\tconfiguration:\n\t\tname: gpt-4o\n---\nsystem:\nHi"),
        ("unterminated-quote", "---\nname: \"abc\nmodel: 'x\n---\nHi"),
        ("multi-doc", "---\na: 1\n---\n---\nb: 2\n---\n...\nHi"),
        ("complex-key", "---\n? [a, b]\n: c\n!!binary x: y\n---\nHi"),
        ("template-deep-each", "---\nname: x\n---\n" + Repeat("{{#each items}}", 5_000) + "x" + Repeat("{{/each}}", 5_000)),
        ("template-deep-liquid", "---\nname: x\ntemplate: liquid\n---\n" + Repeat("{% for a in b %}", 5_000) + "x" + Repeat("{% endfor %}", 5_000)),
        ("template-unclosed", "---\nname: x\n---\n{{$ {{#if {{ {% for"),
        ("template-many-holes", "---\nname: x\ninputs:\n  a:\n    default: " + new string('d', 100_000) + "\n---\n" + Repeat("{{a}}", 20_000)),
        ("special-tokens", "---\nname: x\n---\nsystem:\n<|endoftext|>\u0000\uD800\u202E"),
        ("bom", "\uFEFF---\nmodel:\n  configuration:\n    name: gpt-4o\n---\nsystem:\nHi"),
        ("anchors-cycle", "---\na: &a\n  b: *a\nmodel: *a\n---\nHi"),
    };

    private static readonly (string Name, string Text)[] HostileSkYaml =
    {
        ("empty", ""),
        ("deep-flow", "name: x\ntemplate: " + Repeat("[", 10_000) + Repeat("]", 10_000)),
        ("deep-indent", "name: x\ntemplate: |\n  Hi\nexecution_settings:\n" + string.Concat(Enumerable.Range(1, 1_000).Select(i => new string(' ', i * 2) + "k" + i + ":\n"))),
        ("huge-max", "name: x\ntemplate: Hi {{$a}}\nexecution_settings:\n  default:\n    model_id: gpt-4o\n    max_tokens: 99999999999999999999\ninput_variables:\n  - name: a\n    default: " + new string('x', 100_000)),
        ("wrong-types", "name: [x]\ntemplate: {a: b}\nexecution_settings: 5\ninput_variables: x"),
        ("billion-laughs", "a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\nname: x\ntemplate: Hi\ninput_variables: *f"),
        ("template-format-bad", "name: x\ntemplate_format: handlebars\ntemplate: " + Repeat("{{#if a}}", 3_000)),
        ("invalid-block-scalar", "name: x\ntemplate: |999\n  Hi"),
    };

    private static byte[] InvalidUtf8() => new byte[] { 0xEF, 0xBB, 0xBF, (byte)'{', 0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC, 0xFF, 0xFE, (byte)'}' };

    private static IEnumerable<HostileCase> FileMutations(Random random)
    {
        for (var i = 0; i < FileCases; i++)
        {
            var kind = random.Next(6);
            var files = new List<(string Path, string Text, byte[]? Bytes)>();
            Template template;
            string what;
            var settings = new Dictionary<string, string>();
            (string Name, string Text) json = HostileJson[random.Next(HostileJson.Length)];
            var invalid = random.Next(10) == 0;
            switch (kind)
            {
                case 0:
                    template = Templates.Single(t => t.Name == "configured");
                    files.Add(("/0/appsettings.json", json.Text, invalid ? InvalidUtf8() : null));
                    files.Add(("/0/appsettings.Production.json", HostileJson[random.Next(HostileJson.Length)].Text, null));
                    what = "appsettings " + (invalid ? "invalid-utf8" : json.Name);
                    break;
                case 1:
                    template = Templates[random.Next(Templates.Length)];
                    files.Add(("/0/" + SettingKeys.PriceFileName, json.Text, invalid ? InvalidUtf8() : null));
                    what = "prices " + (invalid ? "invalid-utf8" : json.Name);
                    break;
                case 2:
                    template = Templates.Single(t => t.Name == "sk-function");
                    var prompt = HostileYaml[random.Next(HostileYaml.Length)];
                    files.Add(("/0/Prompts/Chat/Answer/skprompt.txt", prompt.Text, null));
                    files.Add(("/0/Prompts/Chat/Answer/config.json", json.Text, invalid ? InvalidUtf8() : null));
                    what = "skprompt " + prompt.Name + " config " + (invalid ? "invalid-utf8" : json.Name);
                    break;
                case 3:
                    template = Templates[random.Next(Templates.Length)];
                    var prompty = HostileYaml[random.Next(HostileYaml.Length)];
                    files.Add(("/0/Prompts/answer.prompty", prompty.Text, invalid ? InvalidUtf8() : null));
                    what = "prompty " + (invalid ? "invalid-utf8" : prompty.Name);
                    break;
                case 4:
                    template = Templates[random.Next(Templates.Length)];
                    var yaml = HostileSkYaml[random.Next(HostileSkYaml.Length)];
                    files.Add(("/0/Prompts/answer.prompt.yaml", yaml.Text, invalid ? InvalidUtf8() : null));
                    what = "prompt.yaml " + (invalid ? "invalid-utf8" : yaml.Name);
                    break;
                default:
                    template = Templates[random.Next(Templates.Length)];
                    files.Add(("/0/Prompts/plain.txt", HostileYaml[random.Next(HostileYaml.Length)].Text, null));
                    files.Add(("/0/" + SettingKeys.PriceFileName, HostileJson[random.Next(HostileJson.Length)].Text, null));
                    files.Add(("/0/Prompts/answer.prompty", HostileYaml[random.Next(HostileYaml.Length)].Text, null));
                    files.Add(("/0/Prompts/answer.prompt.yaml", HostileSkYaml[random.Next(HostileSkYaml.Length)].Text, null));
                    settings[SettingKeys.TemplateInputs.EditorConfigKey] = random.Next(2) == 0 ? "sample" : "default";
                    what = "mixed";
                    break;
            }

            var (sources, outputKind) = Build(template, template.CallVariants[0], DefaultSlots(), null, Wrappers[0]);
            yield return new HostileCase($"#{i} {template.Name} {what}", sources, outputKind, template.Stubbed, template.Name, files, settings);
        }
    }

    // ---------------------------------------------------------------- the run

    private static readonly Lazy<Task<ImmutableArray<MetadataReference>>> References = new(async () =>
        (await SdkReferences.Net100.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).AddRange(SdkReferences.RealSdks));

    private static readonly CSharpParseOptions Parse = new(LanguageVersion.Preview);

    private static string Stubs => SdkStubs.GoogleGenAI;

    private sealed record CaseResult(HostileCase Case, int Calls, int Records, bool CompilesCleanly, ImmutableArray<Diagnostic> Diagnostics, List<string> Problems, TimeSpan Analyzer, TimeSpan Wall);


    /// <summary>Cases whose call is not recorded, and why; they are listed in the output, not hidden.</summary>
    private static readonly (string Marker, string Reason)[] KnownGaps =
    {
        (" line-hidden", "#line hidden code is generated code (no analysis, as *.g.cs)"),
    };

    private async Task RunAll(IReadOnlyList<HostileCase> cases)
    {
        var baselines = new Dictionary<string, int>();
        foreach (var template in Templates)
        {
            var (sources, kind) = Build(template, template.CallVariants[0], DefaultSlots(), null, Wrappers[0]);
            var baseline = await RunAsync(new HostileCase("baseline " + template.Name, sources, kind, template.Stubbed, template.Name, Array.Empty<(string, string, byte[]?)>(), new Dictionary<string, string>()));
            Assert.True(baseline.CompilesCleanly, "baseline " + template.Name + " does not compile: " + string.Join("; ", baseline.Diagnostics.Take(3)));
            Assert.Empty(baseline.Problems);
            Assert.True(baseline.Calls >= 1, "baseline " + template.Name + " reports no PB0001");
            Assert.Equal(baseline.Calls, baseline.Records);
            baselines[template.Name] = baseline.Records;
        }

        var failures = new List<string>();
        var results = new List<CaseResult>();
        foreach (var hostile in cases)
        {
            var result = await RunAsync(hostile);
            results.Add(result);
            failures.AddRange(result.Problems.Select(p => hostile.Name + ": " + p));

            // Nothing is lost: a mutation that still compiles keeps every call record of its template (a hostile file may
            // leave the model undetermined, but the call is still recorded), and each recorded call is reported unless
            // the code itself suppresses it (#pragma warning disable).
            var gap = KnownGaps.FirstOrDefault(g => hostile.Name.Contains(g.Marker));
            if (result.CompilesCleanly && result.Records < baselines[hostile.Template] && gap.Marker is not null)
            {
                _output.WriteLine($"known gap, {gap.Reason}: {Shorten(hostile.Name)}");
            }
            else if (result.CompilesCleanly && result.Records < baselines[hostile.Template] && !(hostile.Name.Contains(" call") && !hostile.Name.Contains(" call0 ")))
            {
                failures.Add($"{hostile.Name}: compiles cleanly but records {result.Records} calls (template: {baselines[hostile.Template]})");
            }

            if (result.Calls < result.Records && !hostile.Sources.Any(s => s.Contains("#pragma warning disable\n")))
            {
                failures.Add($"{hostile.Name}: records {result.Records} calls but reports {result.Calls} PB0001");
            }
        }

        _output.WriteLine($"{cases.Count} cases; {results.Count(r => r.CompilesCleanly)} compile cleanly; {results.Sum(r => r.Calls)} PB0001");
        foreach (var slow in results.OrderByDescending(r => r.Analyzer).Take(8))
        {
            _output.WriteLine($"  analyzer {slow.Analyzer.TotalMilliseconds,8:F0} ms, wall {slow.Wall.TotalMilliseconds,8:F0} ms: {Shorten(slow.Case.Name)}");
        }

        foreach (var id in results.SelectMany(r => r.Diagnostics).Where(d => d.Id.StartsWith("PB", StringComparison.Ordinal)).GroupBy(d => d.Id).OrderBy(g => g.Key))
        {
            _output.WriteLine($"  {id.Key}: {id.Count()}");
        }

        Assert.True(failures.Count == 0, failures.Count + " failures:\n" + string.Join("\n", failures.Select(Shorten)));
    }

    private static string Shorten(string text) => text.Length <= 600 ? text : text.Substring(0, 600) + $"… ({text.Length:#,0} chars)";

    private static async Task<CaseResult> RunAsync(HostileCase hostile)
    {
        var sources = hostile.Sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, Parse, path: $"/0/Test{i}.cs")).ToList();
        if (hostile.Stubbed)
        {
            sources.Add(CSharpSyntaxTree.ParseText(Stubs, Parse, path: "/0/Stubs.cs"));
        }

        var compilation = CSharpCompilation.Create("Hostile", sources, await References.Value, new CSharpCompilationOptions(hostile.Kind, nullableContextOptions: NullableContextOptions.Enable));
        var compilesCleanly = !compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);

        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pb-hostile-" + Guid.NewGuid().ToString("N"));
        var payloadPath = System.IO.Path.Combine(folder, "callsites.jsonl");
        var files = hostile.Files
            .Select(f => (AdditionalText)new HostileText(f.Path, f.Bytes is null ? SourceText.From(f.Text) : SourceText.From(f.Bytes, f.Bytes.Length, encoding: null, throwIfBinaryDetected: false)))
            .Append(new HostileText(System.IO.Path.Combine(folder, "promptbudget.channel"), SourceText.From($"payload={payloadPath}\nprojectDirectory=/0\n")))
            .ToImmutableArray();
        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(files, new SettingsProvider(hostile.Settings)),
            onAnalyzerException: (exception, analyzer, diagnostic) =>
            {
                lock (exceptions)
                {
                    exceptions.Add($"{analyzer.GetType().Name} threw {exception.GetType().Name}: {exception.Message} at {exception.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("PromptBudget"))?.Trim()}");
                }
            },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: true);
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new PromptCallSiteAnalyzer(), new PromptBudgetConfigurationAnalyzer());
        var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
        var problems = new List<string>();
        var watch = Stopwatch.StartNew();
        ImmutableArray<Diagnostic> diagnostics;
        var records = 0;
        var analyzerTime = TimeSpan.Zero;
        using var bound = new CancellationTokenSource(CaseBound);
        try
        {
            diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(bound.Token);
            foreach (var analyzer in analyzers)
            {
                analyzerTime += (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime;
            }
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested)
        {
            diagnostics = ImmutableArray<Diagnostic>.Empty;
            problems.Add($"did not finish within {CaseBound.TotalSeconds} s");
        }

        watch.Stop();
        problems.AddRange(exceptions);
        problems.AddRange(diagnostics.Where(d => d.Id is "AD0001" or "AD0002" || d.Id == RuleIdentifiers.PayloadCarrier).Select(d => d.ToString()));
        try
        {
            if (System.IO.File.Exists(payloadPath))
            {
                var payload = CallSitePayloadFile.Read(System.IO.File.ReadAllText(payloadPath));
                problems.AddRange(payload.Problems.Select(p => "payload problem: line " + p.Line + ": " + p.Detail));
                records = payload.Records.Count;
            }
            else if (!problems.Any())
            {
                problems.Add("no payload written" + string.Concat(diagnostics.Where(d => d.Id == RuleIdentifiers.PayloadNotWritten).Select(d => ": " + d.GetMessage())));
            }
        }
        finally
        {
            if (System.IO.Directory.Exists(folder))
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }
        }

        return new CaseResult(hostile, diagnostics.Count(d => d.Id == "PB0001"), records, compilesCleanly, diagnostics, problems, analyzerTime, watch.Elapsed);
    }

    private sealed class HostileText : AdditionalText
    {
        private readonly SourceText _text;

        public HostileText(string path, SourceText text)
        {
            Path = path;
            _text = text;
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    /// <summary>The settings for every file and as global options (<c>build_property.X</c> keys and .editorconfig keys alike).</summary>
    private sealed class SettingsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly Values _values;

        public SettingsProvider(IReadOnlyDictionary<string, string> settings) => _values = new Values(settings);

        public override AnalyzerConfigOptions GlobalOptions => _values;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _values;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _values;

        private sealed class Values : AnalyzerConfigOptions
        {
            private readonly IReadOnlyDictionary<string, string> _settings;

            public Values(IReadOnlyDictionary<string, string> settings) => _settings = settings;

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => _settings.TryGetValue(key, out value);
        }
    }
}
