namespace PromptBudget.Analyzers;

internal static class RuleCategories
{
    public const string Cost = "PromptBudget.Cost";
    public const string Budget = "PromptBudget.Budget";
    public const string Reliability = "PromptBudget.Reliability";
    public const string Configuration = "PromptBudget.Configuration";
}
