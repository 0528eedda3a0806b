using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace PromptBudget.Analyzers.Tests.Infrastructure;

/// <summary>
/// References for test compilations: .NET 10 reference assemblies (10.0.12 is the version this feed
/// has) and, for tests against the real SDKs, the SDK assemblies this test project restored.
/// </summary>
public static class SdkReferences
{
    // The SDK assemblies copied next to the tests are their net10.0 builds, so tests compile against .NET 10.
    public static readonly ReferenceAssemblies Net100 = new(
        "net10.0",
        new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.12"),
        Path.Combine("ref", "net10.0"));

    private static readonly string[] SdkAssemblyPrefixes =
    {
        "OpenAI", "Azure.AI.OpenAI", "Azure.Core", "System.ClientModel", "Microsoft.Extensions.AI",
        "Microsoft.SemanticKernel", "Anthropic", "Microsoft.Extensions.DependencyInjection.Abstractions",
        "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.VectorData.Abstractions",
        "Microsoft.Extensions.Hosting.Abstractions", "Microsoft.Extensions.Configuration.Abstractions", "Microsoft.Extensions.FileProviders.Abstractions",
        "Microsoft.Extensions.Diagnostics.Abstractions", "Microsoft.Extensions.Primitives", "Microsoft.Extensions.Options",
    };

    /// <summary>The real SDK assemblies copied to the test output (OpenAI 2.15, M.E.AI 10.11, SK 1.82, Anthropic 13.12, Azure.AI.OpenAI 2.1).</summary>
    public static readonly ImmutableArray<MetadataReference> RealSdks = AppDomain.CurrentDomain.BaseDirectory is { } dir
        ? Directory.GetFiles(dir, "*.dll")
            .Where(f => SdkAssemblyPrefixes.Any(p => Path.GetFileName(f).StartsWith(p, StringComparison.Ordinal)))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
            .ToImmutableArray()
        : ImmutableArray<MetadataReference>.Empty;
}
