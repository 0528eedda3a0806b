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

    /// <summary>.NET 8 reference assemblies (the LTS before params collections: string.Join/Concat/Format bind to params arrays).</summary>
    public static readonly ReferenceAssemblies Net80 = new(
        "net8.0",
        new PackageIdentity("Microsoft.NETCore.App.Ref", "8.0.31"),
        Path.Combine("ref", "net8.0"));

    /// <summary>The frameworks data-flow tests run against: a newer framework can bind the same code to other overloads.</summary>
    public static ReferenceAssemblies ForFramework(string framework) => framework switch
    {
        "net8.0" => Net80,
        "net10.0" => Net100,
        _ => throw new ArgumentOutOfRangeException(nameof(framework), framework, "net8.0 or net10.0"),
    };

    private static readonly string[] SdkAssemblyPrefixes =
    {
        "OpenAI", "Azure.AI.OpenAI", "Azure.Core", "System.ClientModel", "Microsoft.Extensions.AI",
        "Microsoft.SemanticKernel", "Microsoft.Agents.AI", "Anthropic", "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.VectorData.Abstractions",
        "System.Memory.Data",
        "Microsoft.Extensions.Hosting.Abstractions", "Microsoft.Extensions.Configuration.Abstractions", "Microsoft.Extensions.FileProviders.Abstractions",
        "Microsoft.Extensions.Diagnostics.Abstractions", "Microsoft.Extensions.Primitives", "Microsoft.Extensions.Options",
    };

    /// <summary>
    /// The same SDK packages' builds for .NET 8 (the output holds their net10.0 builds, which .NET 8 reference
    /// assemblies cannot compile against: CS1705), taken from the NuGet packages folder this project restored from.
    /// </summary>
    public static readonly ImmutableArray<MetadataReference> RealSdksNet80 = RealSdkFiles()
        .Select(f => (MetadataReference)MetadataReference.CreateFromFile(BuildFor(f, "net8.0", "net6.0", "netstandard2.1", "netstandard2.0")))
        .ToImmutableArray();

    /// <summary>The real SDK assemblies for the framework of <paramref name="references"/>.</summary>
    public static ImmutableArray<MetadataReference> RealSdksFor(ReferenceAssemblies references) =>
        references.TargetFramework == "net8.0" ? RealSdksNet80 : RealSdks;

    private static string[] RealSdkFiles() => AppDomain.CurrentDomain.BaseDirectory is { } dir
        ? Directory.GetFiles(dir, "*.dll")
            .Where(f => SdkAssemblyPrefixes.Any(p => Path.GetFileName(f).StartsWith(p, StringComparison.Ordinal)))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToArray()
        : Array.Empty<string>();

    private static string BuildFor(string file, params string[] frameworks)
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var id = Path.GetFileNameWithoutExtension(file);
        var version = System.Diagnostics.FileVersionInfo.GetVersionInfo(file).ProductVersion?.Split('+')[0];
        foreach (var framework in frameworks)
        {
            var candidate = Path.Combine(packages, id.ToLowerInvariant(), version ?? "", "lib", framework, Path.GetFileName(file));
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"No {string.Join("/", frameworks)} build of {id} {version} under {packages}");
    }

    /// <summary>The real SDK assemblies copied to the test output (OpenAI 2.15, M.E.AI 10.11, SK 1.82, Anthropic 13.12, Azure.AI.OpenAI 2.1).</summary>
    public static readonly ImmutableArray<MetadataReference> RealSdks = AppDomain.CurrentDomain.BaseDirectory is { } dir
        ? Directory.GetFiles(dir, "*.dll")
            .Where(f => SdkAssemblyPrefixes.Any(p => Path.GetFileName(f).StartsWith(p, StringComparison.Ordinal)))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
            .ToImmutableArray()
        : ImmutableArray<MetadataReference>.Empty;
}
