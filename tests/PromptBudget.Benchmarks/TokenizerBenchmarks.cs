using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.ML.Tokenizers;
using PromptBudget.Core.Tokenization;

namespace PromptBudget.Benchmarks;

/// <summary>Vocabulary load per encoding, and counting a 20 KB text through PromptBudget vs Microsoft.ML.Tokenizers directly.</summary>
[MemoryDiagnoser]
public class TokenizerBenchmarks
{
    private string _text = "";
    private Tokenizer _o200k = null!;
    private Tokenizer _cl100k = null!;

    [GlobalSetup]
    public void Setup()
    {
        var parts = new[]
        {
            "The quarterly report shows that revenue grew by 12% while costs stayed flat. ",
            "public async Task<int> CountAsync(string id) => await _db.Orders.CountAsync(o => o.Id == id);\n",
            "{\"id\": 42, \"tags\": [\"a\", \"b\"], \"price\": 9.99}\n",
            "人工智能正在改变我们的工作方式。",
        };
        var builder = new StringBuilder();
        for (var i = 0; builder.Length < 20 * 1024; i++)
        {
            builder.Append(parts[i % parts.Length]);
        }

        _text = builder.ToString();
        _o200k = TiktokenTokenizer.CreateForEncoding("o200k_base");
        _cl100k = TiktokenTokenizer.CreateForEncoding("cl100k_base");
        TokenizerRegistry.Count("warm", TokenEncoding.O200kBase);
        TokenizerRegistry.Count("warm", TokenEncoding.Cl100kBase);
    }

    [Benchmark]
    public Tokenizer LoadO200k() => TiktokenTokenizer.CreateForEncoding("o200k_base");

    [Benchmark]
    public Tokenizer LoadCl100k() => TiktokenTokenizer.CreateForEncoding("cl100k_base");

    [Benchmark(Baseline = true)]
    public int CountO200kDirect() => _o200k.CountTokens(_text);

    [Benchmark]
    public int CountO200kPromptBudget() => TokenizerRegistry.Count(_text, TokenEncoding.O200kBase);

    [Benchmark]
    public int CountCl100kDirect() => _cl100k.CountTokens(_text);

    [Benchmark]
    public int CountCl100kPromptBudget() => TokenizerRegistry.Count(_text, TokenEncoding.Cl100kBase);
}
