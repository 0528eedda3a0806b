namespace PromptBudget.Build.Usage;

/// <summary>What one span of a usage file says about one model call: where it came from, the model and the tokens.</summary>
public sealed class UsageSpan
{
    /// <summary><c>code.file.path</c> (or the older <c>code.filepath</c>) as the running app saw it.</summary>
    public string? FilePath { get; set; }

    /// <summary><c>code.line.number</c> (or the older <c>code.lineno</c>).</summary>
    public long? Line { get; set; }

    /// <summary><c>gen_ai.request.model</c>.</summary>
    public string? RequestModel { get; set; }

    /// <summary><c>gen_ai.response.model</c>.</summary>
    public string? ResponseModel { get; set; }

    /// <summary><c>gen_ai.usage.input_tokens</c> (or the older <c>gen_ai.usage.prompt_tokens</c>).</summary>
    public long? InputTokens { get; set; }

    /// <summary><c>gen_ai.usage.output_tokens</c> (or the older <c>gen_ai.usage.completion_tokens</c>).</summary>
    public long? OutputTokens { get; set; }

    /// <summary><c>gen_ai.usage.cache_read.input_tokens</c>.</summary>
    public long? CacheReadInputTokens { get; set; }

    /// <summary><c>gen_ai.usage.cache_creation.input_tokens</c>.</summary>
    public long? CacheCreationInputTokens { get; set; }

    /// <summary><c>gen_ai.usage.reasoning.output_tokens</c>.</summary>
    public long? ReasoningOutputTokens { get; set; }

    /// <summary>The value of the user's feature attribute (<c>PromptBudgetUsageFeatureAttribute</c>), if named and present.</summary>
    public string? Feature { get; set; }

    /// <summary><c>startTimeUnixNano</c>; null when absent or 0.</summary>
    public long? StartUnixNano { get; set; }

    /// <summary><c>endTimeUnixNano</c>; null when absent or 0.</summary>
    public long? EndUnixNano { get; set; }

    /// <summary>The model the call asked for, else the one that answered.</summary>
    public string? Model => !string.IsNullOrWhiteSpace(RequestModel) ? RequestModel : !string.IsNullOrWhiteSpace(ResponseModel) ? ResponseModel : null;

    public bool HasUsage => InputTokens is not null || OutputTokens is not null;
}

/// <summary>A line of a usage file that could not be used (PB2006).</summary>
public sealed class UsageProblem
{
    public UsageProblem(string file, int line, string detail)
    {
        File = file;
        Line = line;
        Detail = detail;
    }

    /// <summary>The full path.</summary>
    public string File { get; }

    /// <summary>1-based line; 0 for the whole file.</summary>
    public int Line { get; }

    public string Detail { get; }
}
