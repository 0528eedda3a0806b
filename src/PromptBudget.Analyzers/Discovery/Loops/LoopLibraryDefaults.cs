using Microsoft.CodeAnalysis;

namespace PromptBudget.Analyzers.Discovery.Loops;

/// <summary>
/// The iteration cap a tool loop has when the code sets none, for the library version the compilation references
/// (the version of the assembly that declares the type, read from the reference, never assumed).
/// <list type="bullet">
/// <item>Microsoft.Extensions.AI <c>FunctionInvokingChatClient.MaximumIterationsPerRequest</c>: 10 up to 9.7.0, 40 from
/// 9.7.1 on (its CHANGELOG: "Increased the default … from 10 to 40" in 9.7.1; dotnet/extensions#6599). Measured 40 on
/// 10.11.0 with <c>new FunctionInvokingChatClient(inner).MaximumIterationsPerRequest</c>. An assembly version of 9.7.0.0
/// cannot tell 9.7.0 from 9.7.1, so it counts 40, the larger, and says so.</item>
/// <item>Semantic Kernel auto-invoke: <c>MaximumAutoInvokeAttempts</c> (FunctionChoiceBehavior, in the connectors'
/// FunctionCallsProcessor) and <c>ToolCallBehavior.DefaultMaximumAutoInvokeAttempts</c>: 128 since the limits were raised
/// from 5 (microsoft/semantic-kernel#6272, May 2024, released in 1.12); read as 128 from the 1.82.0 binaries.
/// Versions before 1.12 count 5.</item>
/// </list>
/// Any other version (a stub assembly of version 0.0.0.0, a future major) is unknown: the record says so.
/// </summary>
internal static class LoopLibraryDefaults
{
    public const string FunctionInvokingChatClient = "Microsoft.Extensions.AI.FunctionInvokingChatClient";
    public const string FunctionChoiceBehavior = "Microsoft.SemanticKernel.FunctionChoiceBehavior";
    public const string OpenAIConnectorSettings = "Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIPromptExecutionSettings";
    public const string ExtensionsAISetting = "MaximumIterationsPerRequest";

    /// <summary>How a Semantic Kernel loop is capped: there is no setting, a filter stops it.</summary>
    public const string SemanticKernelSetting = "an IAutoFunctionInvocationFilter that sets context.Terminate";

    public static ToolLoop ExtensionsAI(RecognitionContext context, LoopFixShape fix, Location? fixLocation)
    {
        var assembly = context.Types.Get(FunctionInvokingChatClient)?.ContainingAssembly.Identity;
        var version = assembly?.Version;
        var what = "FunctionInvokingChatClient.MaximumIterationsPerRequest default of " + Describe(assembly);
        int? cap = version is null ? null
            : version.Major >= 10 && version.Major < 100 ? 40
            : version.Major == 9 && version.Minor >= 7 ? 40
            : version.Major == 9 ? 10
            : null;
        if (cap is null)
        {
            return new ToolLoop(null, LoopCapSource.Unknown, what + ": not a version PromptBudget knows the default of", ExtensionsAISetting, fix, fixLocation);
        }

        var ambiguous = version!.Major == 9 && version.Minor == 7 && version.Build == 0
            ? " (assembly version 9.7.0.0 is 9.7.0, default 10, or 9.7.1, default 40: the larger is counted)"
            : "";
        return new ToolLoop(cap, LoopCapSource.LibraryDefault, what + ambiguous, ExtensionsAISetting, fix, fixLocation);
    }

    public static ToolLoop SemanticKernel(RecognitionContext context)
    {
        // The auto-invoke loop runs in the connector; the packages ship in lockstep, so the abstractions' version stands in without one.
        var assembly = (context.Types.Get(OpenAIConnectorSettings) ?? context.Types.Get(FunctionChoiceBehavior))?.ContainingAssembly.Identity;
        var version = assembly?.Version;
        var what = "Semantic Kernel's MaximumAutoInvokeAttempts in " + Describe(assembly);
        int? cap = version is { Major: 1 } ? (version.Minor >= 12 ? 128 : 5) : null;
        return cap is null
            ? new ToolLoop(null, LoopCapSource.Unknown, what + ": not a version PromptBudget knows the limit of", SemanticKernelSetting)
            : new ToolLoop(cap, LoopCapSource.LibraryDefault, what, SemanticKernelSetting);
    }

    private static string Describe(AssemblyIdentity? assembly) =>
        assembly is null ? "an assembly the compilation does not reference" : assembly.Name + " " + assembly.Version.ToString();
}
