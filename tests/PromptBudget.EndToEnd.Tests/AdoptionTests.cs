using System;
using System.IO;
using Xunit;

namespace PromptBudget.EndToEnd.Tests;

/// <summary>
/// The package added to a well-kept repository as teams do it: one solution with warnings as errors,
/// Central Package Management with a GlobalPackageReference, and NuGet package source mapping.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class AdoptionTests
{
    private readonly PackageFixture _package;

    public AdoptionTests(PackageFixture package) => _package = package;

    [Fact]
    public void UnderWarningsAsErrorsTheFirstBuildIsGreenAndBudgetsStillFail()
    {
        var root = NewRepository("adopt-twae");

        var first = DotNet.Run(Path.Combine(root, "App"), "build", "--disable-build-servers", "-nologo");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("warning PB1003: No max output tokens set for gpt-4o", first.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(root, "App", "obj", "Debug", "net10.0", "promptbudget", "promptbudget.md")));

        var optIn = DotNet.Run(Path.Combine(root, "App"), "build", "--disable-build-servers", "-nologo", "--no-incremental", "-p:PromptBudgetWarningsAsErrors=true");
        Assert.Equal(1, optIn.ExitCode);
        Assert.Contains("error PB1003", optIn.Output, StringComparison.Ordinal);

        var overBudget = DotNet.Run(Path.Combine(root, "App"), "build", "--disable-build-servers", "-nologo", "--no-incremental", "-p:AppBudget=0.0001");
        Assert.Equal(1, overBudget.ExitCode);
        Assert.Contains("error PB3001: feature 'app'", overBudget.Output, StringComparison.Ordinal);
        Assert.Contains("warning PB1003", overBudget.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AProjectWithoutPromptCallsGetsNoReport()
    {
        var root = NewRepository("adopt-lib");

        var result = DotNet.Run(Path.Combine(root, "Lib"), "build", "--disable-build-servers", "-nologo");

        Assert.True(result.ExitCode == 0, result.ToString());
        var folder = Path.Combine(root, "Lib", "obj", "Debug", "net10.0", "promptbudget");
        Assert.False(File.Exists(Path.Combine(folder, "promptbudget.json")), "no report for a project without prompts");
        Assert.False(File.Exists(Path.Combine(folder, "promptbudget.md")));
        Assert.DoesNotContain("PB3004", result.Output, StringComparison.Ordinal);
    }

    /// <summary>A repository as the README's install section describes it; returns its folder.</summary>
    private string NewRepository(string name)
    {
        var root = Path.Combine(_package.Root, name);
        Directory.CreateDirectory(Path.Combine(root, "App"));
        Directory.CreateDirectory(Path.Combine(root, "Lib"));
        File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                <add key="promptbudget" value="{_package.Feed}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
                <packageSource key="promptbudget"><package pattern="PromptBudget" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), """
            <Project>
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <NoWarn>$(NoWarn);NU1603;NU1608</NoWarn>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(root, "Directory.Packages.props"), $"""
            <Project>
              <PropertyGroup>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageVersion Include="OpenAI" Version="2.15.0" />
                <GlobalPackageReference Include="PromptBudget" Version="{_package.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(root, "App", "App.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <AppBudget Condition="'$(AppBudget)' == ''">1</AppBudget>
                <PromptBudgetDefaultFeature>app</PromptBudgetDefaultFeature>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="OpenAI" />
                <PromptBudgetFeature Include="app" MaxCostPerRequestUsd="$(AppBudget)" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(root, "App", "Ask.cs"), """
            using OpenAI.Chat;

            public static class Ask
            {
                public static ChatCompletion Hello() => new ChatClient("gpt-4o", "key").CompleteChat("Say hello.");
            }
            """);
        File.WriteAllText(Path.Combine(root, "Lib", "Lib.csproj"), """<Project Sdk="Microsoft.NET.Sdk" />""");
        File.WriteAllText(Path.Combine(root, "Lib", "Twice.cs"), "public static class Twice { public static int Of(int x) => x * 2; }\n");
        return root;
    }
}
