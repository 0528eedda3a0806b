using System.Collections.Generic;

namespace PromptBudget.Core.Pricing;

/// <summary>
/// The answer to "what does this model cost": a price, or — never a price of zero — a distinct
/// unknown result carrying the nearest known names.
/// </summary>
public sealed class ModelLookup
{
    private ModelLookup(string requested, ModelPrice? price, IReadOnlyList<string> suggestions)
    {
        Requested = requested;
        Price = price;
        Suggestions = suggestions;
    }

    public string Requested { get; }

    public ModelPrice? Price { get; }

    public bool Found => Price is not null;

    /// <summary>The id of the entry the request resolved to (e.g. <c>gpt-4o</c> for <c>openai/gpt-4o-2024-08-06</c>).</summary>
    public string? ResolvedId => Price?.Id;

    public IReadOnlyList<string> Suggestions { get; }

    internal static ModelLookup Known(string requested, ModelPrice price) => new(requested, price, System.Array.Empty<string>());

    internal static ModelLookup Unknown(string requested, IReadOnlyList<string> suggestions) => new(requested, null, suggestions);
}
