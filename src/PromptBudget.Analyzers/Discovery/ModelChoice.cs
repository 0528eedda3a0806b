using System.Collections.Generic;
using System.Linq;
using PromptBudget.Core.Pricing;

namespace PromptBudget.Analyzers.Discovery;

/// <summary>
/// Several models one call may use (environments of a configuration, callers of a helper, kernels a function is
/// invoked with): one they agree on is the model; when they disagree the most expensive is the worst case, and the
/// detail says so; one that cannot be read makes the whole unknown (never priced from the others).
/// </summary>
internal sealed class ModelChoice
{
    private readonly PriceTable _prices;

    public ModelChoice(PriceTable prices) => _prices = prices;

    /// <summary>Output price first (the larger part of a worst case), then input; a model without a price sorts last.</summary>
    public (decimal Output, decimal Input) Expense(string model)
    {
        var price = _prices.Lookup(model).Price;
        return price is null ? (-1m, -1m) : (price.OutputCostPerToken ?? 0m, price.InputCostPerToken ?? 0m);
    }

    public string MostExpensive(IEnumerable<string> models) => models.OrderByDescending(Expense).First();

    /// <summary>
    /// One model from <paramref name="candidates"/> (each with where it comes from: <c>Program.cs:12</c>).
    /// <paramref name="what"/> names what they are candidates for (<c>the calls of Bot.Ask</c>); <paramref name="noneDetail"/> is said when there are none.
    /// </summary>
    public ModelReference Choose(List<(string Where, ModelReference Model)> candidates, string what, string noneDetail)
    {
        if (candidates.Count == 0)
        {
            return ModelReference.Unknown(null, noneDetail);
        }

        foreach (var (where, model) in candidates)
        {
            if (!model.IsKnown)
            {
                var reason = model.Detail ?? (model.Expression is { } expression ? "'" + expression + "' is not a value the analyzer can read" : "the code gives no model");
                return ModelReference.Unknown(model.Expression, $"{what}: at {where}, {reason}");
            }
        }

        var names = candidates.Select(c => c.Model.Name!).Distinct(System.StringComparer.Ordinal).ToList();
        var first = candidates[0].Model;
        if (names.Count == 1)
        {
            var places = string.Join(", ", candidates.Select(c => c.Where));
            return new ModelReference(first.Name, first.Origin, first.Expression, first.Detail ?? $"{what} ({places})");
        }

        var chosen = MostExpensive(names);
        var winner = candidates.First(c => c.Model.Name == chosen).Model;
        var each = string.Join(", ", candidates.Select(c => $"{c.Where}: {c.Model.Name}"));
        return new ModelReference(chosen, winner.Origin, winner.Expression, $"{what} disagree ({each}); the most expensive, {chosen}, is the worst case");
    }
}
