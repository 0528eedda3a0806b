using System;
using System.IO;
using System.Reflection;
using Xunit;

namespace PromptBudget.EndToEnd.Tests;

/// <summary>
/// Packs the PromptBudget package once per test run into a temporary feed, with a version of its
/// own so NuGet's cache can never hand out an older build of the same version.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public PackageFixture()
    {
        RepositoryRoot = Path.GetFullPath(typeof(PackageFixture).Assembly.GetCustomAttribute<RepositoryRootAttribute>()!.Path);
        Root = Path.Combine(Path.GetTempPath(), "promptbudget-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        Feed = Path.Combine(Root, "feed");
        Directory.CreateDirectory(Feed);
        Version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "." + Environment.ProcessId;

        var pack = DotNet.Run(RepositoryRoot, "pack", "build/PromptBudget.Package.csproj", "-c", "Release", "-o", Feed, "-p:Version=" + Version, "--disable-build-servers");
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet pack failed:\n" + pack.Output);
        }

        PackagePath = Path.Combine(Feed, "PromptBudget." + Version + ".nupkg");
        if (!File.Exists(PackagePath))
        {
            throw new InvalidOperationException("The package was not written to " + PackagePath + ":\n" + pack.Output);
        }
    }

    public string RepositoryRoot { get; }

    /// <summary>A temporary folder outside the repository, so its Directory.Build.props never applies.</summary>
    public string Root { get; }

    public string Feed { get; }

    public string Version { get; }

    public string PackagePath { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "packed PromptBudget";
}
