namespace PromptBudget.Core.Estimation;

/// <summary>Where the worst-case output token count comes from.</summary>
public enum MaxOutputSource
{
    /// <summary>The call sets a max-output-token limit.</summary>
    Set,

    /// <summary>Not set: the model's own output maximum from the price table.</summary>
    ModelMaximum,

    /// <summary>Not set and the model's maximum is not known: the worst case cannot be priced.</summary>
    Unknown,
}
