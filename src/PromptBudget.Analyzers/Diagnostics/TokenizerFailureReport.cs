using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PromptBudget.Analyzers.Infrastructure;

namespace PromptBudget.Analyzers.Diagnostics;

/// <summary>
/// PB2004: the compiler hosting the analyzer could not load the tokenizer. Reported once per compilation,
/// at the first call site whose estimate it made incomplete, naming the assembly, the host and the fix.
/// </summary>
internal static class TokenizerFailureReport
{
    public const string Fix =
        "Supported compilers: Visual Studio 2022 17.14 or later, Visual Studio 2026, Rider, dotnet build with the .NET 8 SDK or later, msbuild on Windows from those Visual Studio versions; "
        + "update this one, or if it is one of those, keep every file of the PromptBudget package's analyzers/dotnet/cs folder and report this message";

    public static void ReportOnce(OperationAnalysisContext context, PromptBudgetCompilationContext compilationContext, CallSiteEstimation estimation)
    {
        if (estimation.Estimate.TokenizerFailure is { } failure && compilationContext.ClaimTokenizerFailureReport())
        {
            context.ReportDiagnostic(Diagnostic.Create(Rules.TokenizerUnavailable, estimation.Site.Location, failure.Assembly, failure.Reason, Host(), Fix));
        }
    }

    /// <summary>The compiler (Roslyn's version and folder) and the runtime it runs on.</summary>
    public static string Host()
    {
        var roslyn = typeof(Compilation).Assembly;
        string folder;
        try
        {
            folder = System.IO.Path.GetDirectoryName(roslyn.Location) ?? "";
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException)
        {
            folder = "";
        }

        return $"Microsoft.CodeAnalysis {roslyn.GetName().Version}{(folder.Length == 0 ? "" : " in " + folder)} on {Core.Tokenization.TokenizerLoadFailure.Runtime}";
    }
}
