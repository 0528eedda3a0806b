using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;

namespace PromptBudget.EndToEnd.Tests.CompilerHosts;

/// <summary>Where an emulated host finds an assembly an analyzer asks for.</summary>
public enum ResolutionSource
{
    /// <summary>The compiler's own folder, after its csc.exe.config binding redirects.</summary>
    CompilerFolder,

    /// <summary>.NET Framework 4.7.2 itself (its reference assemblies and facades stand for the GAC).</summary>
    Framework,

    /// <summary>
    /// The analyzer's folder: the host could not bind the request, so the compiler's AssemblyResolve
    /// handler looked among the analyzer files for the same name and token at the requested version or higher.
    /// </summary>
    AnalyzerFolder,

    /// <summary>Nowhere: on the real host this request throws FileLoadException or FileNotFoundException.</summary>
    Unresolved,
}

public sealed record Resolution(AssemblyName Request, ResolutionSource Source, string? Path, Version? Version, string Detail)
{
    public override string ToString() => $"{Request.Name} {Request.Version}: {Source} {Detail}";
}

/// <summary>
/// A Visual Studio / MSBuild-on-Windows C# compiler as it binds an analyzer's dependencies: csc.exe on
/// .NET Framework 4.7.2 from the <c>tasks/net472</c> folder of Microsoft.Net.Compilers.Toolset, with
/// that folder's csc.exe.config binding redirects, over the .NET Framework 4.7.2 assemblies (taken from
/// Microsoft.NETFramework.ReferenceAssemblies.net472, whose versions are the installed framework's).
/// Binding order, as the .NET Framework and Roslyn's desktop analyzer loader do it:
/// 1. a framework assembly binds when its version is at least the one requested (framework unification);
/// 2. a redirect whose old range holds the requested version replaces it with its new version, and the
///    compiler folder binds when its copy has exactly that version (fusion never binds a mismatch);
/// 3. otherwise binding fails and Roslyn's AssemblyResolve handler takes the analyzer folder's file of that
///    name and public key token whose version is the requested one or, failing that, the highest above it.
/// </summary>
public sealed class FrameworkCompilerHost
{
    private readonly Dictionary<string, (Version From, Version To, Version New)> _redirects = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (string Path, AssemblyName Name)> _compilerFolder = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (string Path, AssemblyName Name)> _framework = new(StringComparer.OrdinalIgnoreCase);

    public FrameworkCompilerHost(string toolsetVersion, string packagesRoot)
    {
        ToolsetVersion = toolsetVersion;
        CompilerFolder = System.IO.Path.Combine(packagesRoot, "microsoft.net.compilers.toolset", toolsetVersion, "tasks", "net472");
        var frameworkFolder = System.IO.Path.Combine(packagesRoot, "microsoft.netframework.referenceassemblies.net472", "1.0.3", "build", ".NETFramework", "v4.7.2");
        if (!File.Exists(System.IO.Path.Combine(CompilerFolder, "csc.exe.config")) || !Directory.Exists(frameworkFolder))
        {
            throw new InvalidOperationException($"Microsoft.Net.Compilers.Toolset {toolsetVersion} or Microsoft.NETFramework.ReferenceAssemblies.net472 1.0.3 is not restored under {packagesRoot} (the test project downloads both).");
        }

        foreach (var file in Directory.GetFiles(CompilerFolder, "*.dll"))
        {
            if (TryGetName(file) is { } name)
            {
                _compilerFolder[name.Name!] = (file, name);
            }
        }

        foreach (var file in Directory.GetFiles(frameworkFolder, "*.dll").Concat(Directory.GetFiles(System.IO.Path.Combine(frameworkFolder, "Facades"), "*.dll")))
        {
            if (TryGetName(file) is { } name)
            {
                _framework[name.Name!] = (file, name);
            }
        }

        XNamespace asm = "urn:schemas-microsoft-com:asm.v1";
        var config = XDocument.Load(System.IO.Path.Combine(CompilerFolder, "csc.exe.config"));
        foreach (var dependent in config.Descendants(asm + "dependentAssembly"))
        {
            var identity = dependent.Element(asm + "assemblyIdentity");
            var redirect = dependent.Element(asm + "bindingRedirect");
            if (identity?.Attribute("name")?.Value is not { } assemblyName || redirect is null)
            {
                continue;
            }

            var range = redirect.Attribute("oldVersion")!.Value.Split('-');
            _redirects[assemblyName] = (Version.Parse(range[0]), Version.Parse(range[^1]), Version.Parse(redirect.Attribute("newVersion")!.Value));
        }
    }

    public string ToolsetVersion { get; }

    public string CompilerFolder { get; }

    public string Description => $"csc.exe of Microsoft.Net.Compilers.Toolset {ToolsetVersion} (tasks/net472) on .NET Framework 4.7.2";

    /// <summary>Where <paramref name="request"/> binds when an assembly of <paramref name="analyzerFolder"/> asks for it.</summary>
    public Resolution Resolve(AssemblyName request, string analyzerFolder)
    {
        var name = request.Name!;
        var requested = request.Version ?? new Version(0, 0, 0, 0);

        if (_framework.TryGetValue(name, out var framework))
        {
            return framework.Name.Version >= requested
                ? new Resolution(request, ResolutionSource.Framework, framework.Path, framework.Name.Version, $"(.NET Framework 4.7.2 has {framework.Name.Version})")
                : new Resolution(request, ResolutionSource.Unresolved, null, null, $"(.NET Framework 4.7.2 has only {framework.Name.Version})");
        }

        var why = "";
        if (_compilerFolder.TryGetValue(name, out var compiler))
        {
            var effective = requested;
            if (_redirects.TryGetValue(name, out var redirect) && requested >= redirect.From && requested <= redirect.To)
            {
                effective = redirect.New;
            }

            if (compiler.Name.Version == effective)
            {
                return new Resolution(request, ResolutionSource.CompilerFolder, compiler.Path, compiler.Name.Version,
                    effective == requested ? "(the compiler's copy)" : $"(csc.exe.config redirects it to the compiler's {effective})");
            }

            why = _redirects.TryGetValue(name, out var r)
                ? $"the compiler's folder has {compiler.Name.Version} and csc.exe.config redirects only {r.From}-{r.To}"
                : $"the compiler's folder has {compiler.Name.Version} and csc.exe.config has no redirect for it";
        }
        else
        {
            why = "neither the compiler's folder nor .NET Framework 4.7.2 has it";
        }

        var candidate = AnalyzerCandidate(request, analyzerFolder);
        return candidate is { } found
            ? new Resolution(request, ResolutionSource.AnalyzerFolder, found.Path, found.Name.Version, $"(the analyzer folder's {found.Name.Version}; {why})")
            : new Resolution(request, ResolutionSource.Unresolved, null, null, $"({why}, and the analyzer folder has no copy at {requested} or above)");
    }

    /// <summary>Roslyn's desktop rule: same simple name and public key token, the exact version or else the highest above it.</summary>
    private static (string Path, AssemblyName Name)? AnalyzerCandidate(AssemblyName request, string analyzerFolder)
    {
        var file = System.IO.Path.Combine(analyzerFolder, request.Name + ".dll");
        if (!File.Exists(file) || TryGetName(file) is not { } name)
        {
            return null;
        }

        var sameToken = (name.GetPublicKeyToken() ?? Array.Empty<byte>()).AsSpan().SequenceEqual(request.GetPublicKeyToken() ?? Array.Empty<byte>());
        return sameToken && name.Version >= (request.Version ?? new Version(0, 0, 0, 0)) ? (file, name) : null;
    }

    public static AssemblyName? TryGetName(string file)
    {
        try
        {
            return AssemblyName.GetAssemblyName(file);
        }
        catch (BadImageFormatException)
        {
            return null; // a native DLL (Microsoft.DiaSymReader.Native.*)
        }
    }
}
