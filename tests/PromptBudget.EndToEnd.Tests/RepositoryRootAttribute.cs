using System;

namespace PromptBudget.EndToEnd.Tests;

/// <summary>Where the repository is, so the tests can pack the package from it.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class RepositoryRootAttribute : Attribute
{
    public RepositoryRootAttribute(string path) => Path = path;

    public string Path { get; }
}
