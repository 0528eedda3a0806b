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
    public void HoldsTheAnalyzerTaskAndBuildFilesAndNoHostAssembliesButTheJustifiedOnes()
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
        Assert.Equal(AllowedSystemAssemblies.Keys.Order(), assemblies.Where(a => a.StartsWith("System.", StringComparison.Ordinal)).Order());
        Assert.DoesNotContain(assemblies, a => a.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
    }

    /// <summary>
    /// The only System.* assemblies the package ships, each with the version it must have and why: the compiler host
    /// provides the others (CompilerHostTests check each host binds everything the analyzer reaches).
    /// System.Memory: the netstandard2.0 build with assembly version 4.0.2.0, the version Microsoft.ML.Tokenizers
    /// references, which Visual Studio 2022 17.14's .NET Framework compiler (Roslyn 4.14, System.Memory 4.0.1.2 and
    /// redirects up to it) cannot bind by itself. Not the net462 build (4.0.5.0), whose own references that compiler lacks.
    /// </summary>
    private static readonly System.Collections.Generic.Dictionary<string, Version> AllowedSystemAssemblies = new()
    {
        ["System.Memory.dll"] = new Version(4, 0, 2, 0),
    };

    [Fact]
    public void ShipsOnlyTheJustifiedSystemAssembliesInTheirNetStandardBuild()
    {
        using var zip = ZipFile.OpenRead(_package.PackagePath);
        foreach (var (file, version) in AllowedSystemAssemblies)
        {
            var entry = zip.GetEntry("analyzers/dotnet/cs/" + file);
            Assert.NotNull(entry);
            using var stream = new System.IO.MemoryStream();
            using (var source = entry!.Open())
            {
                source.CopyTo(stream);
            }

            stream.Position = 0;
            using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
            var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            Assert.Equal(version, metadata.GetAssemblyDefinition().Version);
            var references = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToList();
            Assert.Contains("netstandard", references);
            Assert.DoesNotContain("mscorlib", references);
        }
    }

    /// <summary>The Claude vocabulary is embedded in the analyzer's Core, and its notice (source, license) is in the package.</summary>
    [Fact]
    public void CarriesTheClaudeVocabularyAndItsNotice()
    {
        using var zip = ZipFile.OpenRead(_package.PackagePath);
        var notice = zip.GetEntry("THIRD-PARTY-NOTICES/NOTICE-claude-tokenizer.txt");
        Assert.NotNull(notice);
        using (var reader = new System.IO.StreamReader(notice!.Open()))
        {
            var text = reader.ReadToEnd();
            Assert.Contains("@anthropic-ai/tokenizer 0.0.4", text, StringComparison.Ordinal);
            Assert.Contains("Copyright 2023 Anthropic, PBC.", text, StringComparison.Ordinal);
        }

        var core = zip.GetEntry("analyzers/dotnet/cs/PromptBudget.Core.dll");
        Assert.NotNull(core);
        using var stream = new System.IO.MemoryStream();
        using (var source = core!.Open())
        {
            source.CopyTo(stream);
        }

        stream.Position = 0;
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var resources = metadata.ManifestResources.Select(h => metadata.GetString(metadata.GetManifestResource(h).Name)).ToList();
        Assert.Contains("PromptBudget.Core.claude.tiktoken.deflate", resources);
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
