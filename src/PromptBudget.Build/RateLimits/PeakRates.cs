using System;
using System.Collections.Generic;

namespace PromptBudget.Build.RateLimits;

/// <summary>
/// The peak traffic the user expects, in requests per minute: per feature (<c>PeakRequestsPerMinute</c> of a
/// <c>PromptBudgetFeature</c> item) and for the project (<c>PromptBudgetProjectPeakRequestsPerMinute</c>). A
/// feature with no peak of its own, and calls with no feature, take the project's: one request of the project
/// is taken to run every prompt, as the project's cost per request does. These are the user's assumptions, and
/// the report says so wherever it uses one.
/// </summary>
public sealed class PeakRates
{
    public PeakRates(IReadOnlyDictionary<string, decimal> features, decimal? project)
    {
        Features = features;
        Project = project;
    }

    public static PeakRates None { get; } = new(new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase), null);

    /// <summary>By feature name, ignoring case.</summary>
    public IReadOnlyDictionary<string, decimal> Features { get; }

    public decimal? Project { get; }

    /// <summary>The peak of a feature and where it is set; null when neither the feature nor the project has one.</summary>
    public (decimal Rate, string Source)? For(string feature)
    {
        if (Features.TryGetValue(feature, out var own))
        {
            return (own, $"{RateLimitNames.PeakRequestsPerMinute} of {Configuration.PropertyNames.FeatureItem} '{feature}'");
        }

        return Project is { } project ? (project, RateLimitNames.ProjectPeakRequestsPerMinute) : null;
    }
}
