using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

namespace PromptBudget.EndToEnd.Tests.CompilerHosts;

/// <summary>
/// Loads a packaged analyzer folder the way <see cref="FrameworkCompilerHost"/> would bind it, on this
/// process's .NET runtime. Every request an analyzer assembly makes goes through <see cref="Load"/>, is
/// logged, and is refused (FileLoadException, as on the real host) when the emulated host could not bind
/// it. What the host binds from its own folder or the framework comes from this process's default context
/// (the runtime's implementation, and Microsoft.CodeAnalysis, which the compiler provides); what it binds
/// from the analyzer folder is loaded from there, except System.* polyfills of types this runtime has
/// built in (System.Memory's Span), which the runtime keeps providing.
/// </summary>
public sealed class EmulatedHostLoadContext : AssemblyLoadContext
{
    private readonly FrameworkCompilerHost _host;
    private readonly string _analyzerFolder;
    private readonly ConcurrentQueue<Resolution> _log = new();

    public EmulatedHostLoadContext(FrameworkCompilerHost host, string analyzerFolder)
        : base("emulated " + host.Description, isCollectible: false)
    {
        _host = host;
        _analyzerFolder = analyzerFolder;
    }

    /// <summary>Every request, in order (the first one for a name; the runtime caches what it binds).</summary>
    public IReadOnlyList<Resolution> Requests => _log.ToList();

    /// <summary>The assembly the compiler loads first: the one that holds the analyzers.</summary>
    public Assembly LoadAnalyzerAssembly(string fileName) => LoadFromAssemblyPath(Path.Combine(_analyzerFolder, fileName));

    protected override Assembly? Load(AssemblyName request)
    {
        var resolution = _host.Resolve(request, _analyzerFolder);
        _log.Enqueue(resolution);
        switch (resolution.Source)
        {
            case ResolutionSource.Unresolved:
                throw new FileLoadException(
                    $"Could not load file or assembly '{request.FullName}' in the emulated {_host.Description}: {resolution.Detail}",
                    request.FullName);
            case ResolutionSource.AnalyzerFolder when !IsRuntimePolyfill(request.Name!):
                return LoadFromAssemblyPath(resolution.Path!);
            default:
                return null;
        }
    }

    // System.* packages whose netstandard2.0 build re-implements types this runtime has built in.
    private static bool IsRuntimePolyfill(string name) => name.StartsWith("System.", StringComparison.Ordinal);
}
