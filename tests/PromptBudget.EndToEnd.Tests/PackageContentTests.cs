using System;
using System.IO.Compression;
using System.Linq;
using Xunit;

namespace PromptBudget.EndToEnd.Tests;

/// <summary>What the packed PromptBudget package holds, read from the .nupkg itself.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageContentTests
{
    private readonly PackageFixture _package;

    public PackageContentTests(PackageFixture package) => _package = package;

    [Fact]
    public void HoldsTheAnalyzerTaskAndBuildFilesAndNoHostAssemblies()
    {
        using var zip = ZipFile.OpenRead(_package.PackagePath);
        var entries = zip.Entries.Select(e => e.FullName.Replace('\\', '/')).ToList();

        foreach (var expected in new[]
        {
            "analyzers/dotnet/cs/PromptBudget.Analyzers.dll",
            "analyzers/dotnet/cs/PromptBudget.CodeFixes.dll",
            "analyzers/dotnet/cs/PromptBudget.Core.dll",
            "analyzers/dotnet/cs/Microsoft.ML.Tokenizers.dll",
            "analyzers/dotnet/cs/Microsoft.ML.Tokenizers.Data.O200kBase.dll",
            "analyzers/dotnet/cs/Microsoft.ML.Tokenizers.Data.Cl100kBase.dll",
            "tasks/netstandard2.0/PromptBudget.Build.dll",
            "tasks/netstandard2.0/PromptBudget.Core.dll",
            "build/PromptBudget.props",
            "build/PromptBudget.targets",
            "buildTransitive/PromptBudget.props",
            "buildTransitive/PromptBudget.targets",
        })
        {
            Assert.Contains(expected, entries);
        }

        var assemblies = entries.Where(e => e.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).Select(e => e[(e.LastIndexOf('/') + 1)..]).ToList();
        Assert.DoesNotContain(assemblies, a => a.StartsWith("System.", StringComparison.Ordinal));
        Assert.DoesNotContain(assemblies, a => a.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
    }

    [Fact]
    public void IsADevelopmentDependency()
    {
        using var zip = ZipFile.OpenRead(_package.PackagePath);
        var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var reader = new System.IO.StreamReader(nuspec.Open());
        var text = reader.ReadToEnd();

        Assert.Contains("<developmentDependency>true</developmentDependency>", text, StringComparison.Ordinal);
        Assert.Contains("<id>PromptBudget</id>", text, StringComparison.Ordinal);
    }
}
