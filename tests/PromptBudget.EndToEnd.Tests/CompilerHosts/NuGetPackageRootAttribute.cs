using System;

namespace PromptBudget.EndToEnd.Tests.CompilerHosts;

/// <summary>The NuGet global packages folder this project restored into, where the compiler toolsets were downloaded.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class NuGetPackageRootAttribute : Attribute
{
    public NuGetPackageRootAttribute(string path) => Path = path;

    public string Path { get; }
}
