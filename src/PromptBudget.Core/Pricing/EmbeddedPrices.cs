using System;
using System.IO;

namespace PromptBudget.Core.Pricing;

/// <summary>The curated LiteLLM subset compiled into the assembly, parsed once per process on first use.</summary>
internal static class EmbeddedPrices
{
    private const string ResourceName = "PromptBudget.Core.model-prices.json";
    private static readonly Lazy<PriceFile> LazyFile = new(Load, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<PriceTable> LazyTable = new(() => PriceTable.Build(new[] { LazyFile.Value }), System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);

    public const string SourceName = "embedded:model-prices.json";

    public static PriceFile File => LazyFile.Value;

    public static PriceTable Table => LazyTable.Value;

    private static PriceFile Load()
    {
        using var stream = typeof(EmbeddedPrices).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded price table {ResourceName} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return PriceFileParser.Parse(reader.ReadToEnd(), SourceName);
    }
}
