namespace PromptBudget.Core.RateLimits;

/// <summary>How close the peak worst case comes to a limit.</summary>
public enum HeadroomLevel
{
    /// <summary>At most <see cref="Headroom.NearPercent"/>.</summary>
    Ok,

    /// <summary>Above <see cref="Headroom.NearPercent"/>, at most 100%: one traffic spike from 429s.</summary>
    Near,

    /// <summary>Above 100%: at peak the provider refuses requests.</summary>
    Over,
}

/// <summary>The share of a per-minute limit the peak worst case uses, and the thresholds the build checks.</summary>
public static class Headroom
{
    /// <summary>Above this share of a limit the build warns: a burst above the stated peak, or retries, would hit it.</summary>
    public const decimal NearPercent = 80m;

    public const decimal OverPercent = 100m;

    public static decimal Percent(decimal used, long limit) => limit <= 0 ? 0m : used * 100m / limit;

    public static HeadroomLevel Level(decimal percent) =>
        percent > OverPercent ? HeadroomLevel.Over : percent > NearPercent ? HeadroomLevel.Near : HeadroomLevel.Ok;
}
