using Microsoft.CodeAnalysis;

namespace PromptBudget.Analyzers.Discovery.Loops;

/// <summary>Where a tool loop's iteration cap comes from.</summary>
internal enum LoopCapSource
{
    /// <summary>A constant in code (<c>MaximumIterationsPerRequest = 5</c>).</summary>
    Literal,

    /// <summary>A configuration key resolved in the project's appsettings files.</summary>
    Configuration,

    /// <summary>Not set: the library's default for the version the project references.</summary>
    LibraryDefault,

    /// <summary>Set to a value the analyzer cannot read, or a default of a library version it does not know.</summary>
    Unknown,
}

/// <summary>How the code fix can set the cap of an M.E.AI loop explicitly.</summary>
internal enum LoopFixShape
{
    /// <summary>No fix offered (Semantic Kernel has no cap setting; a configure callback is already there).</summary>
    None,

    /// <summary><c>UseFunctionInvocation()</c> without a configure callback: add <c>configure: c => c.MaximumIterationsPerRequest = n</c>.</summary>
    ConfigureArgument,

    /// <summary><c>new FunctionInvokingChatClient(inner)</c>: add <c>{ MaximumIterationsPerRequest = n }</c>.</summary>
    ObjectInitializer,
}

/// <summary>
/// An automatic tool loop a call runs through: Microsoft.Extensions.AI's <c>FunctionInvokingChatClient</c>
/// (<c>UseFunctionInvocation()</c>) or Semantic Kernel's auto-invoked kernel functions. One request of the
/// call sends up to <see cref="Cap"/> model requests.
/// </summary>
internal sealed class ToolLoop
{
    public ToolLoop(long? cap, LoopCapSource source, string detail, string settingName, LoopFixShape fix = LoopFixShape.None, Location? fixLocation = null)
    {
        Cap = cap;
        Source = source;
        Detail = detail;
        SettingName = settingName;
        Fix = fix;
        FixLocation = fixLocation;
    }

    /// <summary>The most model calls one request makes; null when it cannot be known.</summary>
    public long? Cap { get; }

    public LoopCapSource Source { get; }

    /// <summary>What sets the cap, for the record and messages (the library and version for a default).</summary>
    public string Detail { get; }

    /// <summary>The library's name for the cap: <c>MaximumIterationsPerRequest</c>, or how Semantic Kernel caps it.</summary>
    public string SettingName { get; }

    public LoopFixShape Fix { get; }

    /// <summary>The <c>UseFunctionInvocation(…)</c> call or <c>new FunctionInvokingChatClient(…)</c> the fix edits.</summary>
    public Location? FixLocation { get; }

    public string SourceName => Source switch
    {
        LoopCapSource.Literal => "literal",
        LoopCapSource.Configuration => "configuration",
        LoopCapSource.LibraryDefault => "library-default",
        _ => "unknown",
    };
}
