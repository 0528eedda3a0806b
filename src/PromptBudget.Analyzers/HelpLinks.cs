namespace PromptBudget.Analyzers;

/// <summary>Builds the help link of a rule: its page in docs/rules.</summary>
public static class HelpLinks
{
    public const string RulesBaseUrl = "https://github.com/promptbudget/promptbudget/blob/main/docs/rules/";

    public static string ForRule(string id) => RulesBaseUrl + id + ".md";
}
