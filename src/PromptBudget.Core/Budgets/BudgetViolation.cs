using System.Globalization;

namespace PromptBudget.Core.Budgets;

/// <summary>Which limit a call broke.</summary>
public enum BudgetKind
{
    InputTokens,
    OutputTokens,
    CostPerCall,
    UnboundedSegment,
}

/// <summary>One broken limit: the limit, the actual value and their unit.</summary>
public sealed class BudgetViolation
{
    public BudgetViolation(BudgetKind kind, decimal limit, decimal actual, string unit)
    {
        Kind = kind;
        Limit = limit;
        Actual = actual;
        Unit = unit;
    }

    public BudgetKind Kind { get; }

    public decimal Limit { get; }

    public decimal Actual { get; }

    /// <summary><c>tokens</c>, <c>USD</c> or <c>segments</c>.</summary>
    public string Unit { get; }

    public decimal Over => Actual - Limit;

    public override string ToString() => Kind == BudgetKind.UnboundedSegment
        ? string.Format(CultureInfo.InvariantCulture, "{0} unbounded dynamic segment(s)", Actual)
        : string.Format(CultureInfo.InvariantCulture, "{0}: {1} {3} over the limit of {2} {3}", Kind, Format(Actual), Format(Limit), Unit);

    private string Format(decimal value) => Unit == "USD" ? value.ToString("0.######", CultureInfo.InvariantCulture) : value.ToString("0", CultureInfo.InvariantCulture);
}
