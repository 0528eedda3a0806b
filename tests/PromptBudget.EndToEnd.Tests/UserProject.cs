using System;
using System.IO;

namespace PromptBudget.EndToEnd.Tests;

/// <summary>A fresh project on disk that references the packed PromptBudget package by version, as a user's would.</summary>
public sealed class UserProject
{
    private UserProject(string directory) => Directory = directory;

    public string Directory { get; }

    public string ObjPromptBudget(string targetFramework = "net10.0") =>
        Path.Combine(Directory, "obj", "Debug", targetFramework, "promptbudget");

    public static UserProject Create(PackageFixture package, string name, string csprojBody, string? editorConfig = null)
    {
        var directory = Path.Combine(package.Root, name);
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{package.Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), csprojBody.Replace("$PromptBudgetVersion$", package.Version));
        if (editorConfig is not null)
        {
            File.WriteAllText(Path.Combine(directory, ".editorconfig"), "root = true\n\n[*.cs]\n" + editorConfig);
        }

        return new UserProject(directory);
    }

    public void Write(string relativePath, string text)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public DotNet.Result Build(params string[] extra)
    {
        var arguments = new System.Collections.Generic.List<string> { "build", "--disable-build-servers", "-nologo", "-clp:NoSummary" };
        arguments.AddRange(extra);
        return DotNet.Run(Directory, arguments.ToArray());
    }
}
