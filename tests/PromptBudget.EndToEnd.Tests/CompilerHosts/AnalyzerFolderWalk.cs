using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace PromptBudget.EndToEnd.Tests.CompilerHosts;

/// <summary>The assembly references of an analyzer folder, read with System.Reflection.Metadata (nothing is loaded).</summary>
public static class AnalyzerFolderWalk
{
    /// <summary>The folder's assemblies that the compiler loads: those declaring a [DiagnosticAnalyzer] or [Generator] type.</summary>
    public static List<string> EntryAssemblies(string folder) =>
        Directory.GetFiles(folder, "*.dll").Where(DeclaresAnalyzers).OrderBy(f => f, System.StringComparer.Ordinal).ToList();

    public static List<AssemblyName> References(string file)
    {
        using var pe = new PEReader(File.OpenRead(file));
        var md = pe.GetMetadataReader();
        return md.AssemblyReferences.Select(h => md.GetAssemblyReference(h).GetAssemblyName()).ToList();
    }

    /// <summary>
    /// Every (requesting file, request, resolution) reached from the entry assemblies: a reference that
    /// binds to the analyzer folder is followed into that file; the host's and the framework's own
    /// assemblies are the host's business and are not followed.
    /// </summary>
    public static List<(string From, Resolution Resolution)> Walk(FrameworkCompilerHost host, string folder)
    {
        var result = new List<(string, Resolution)>();
        var visited = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<string>(EntryAssemblies(folder));
        while (queue.Count > 0)
        {
            var file = queue.Dequeue();
            if (!visited.Add(file))
            {
                continue;
            }

            foreach (var reference in References(file))
            {
                var resolution = host.Resolve(reference, folder);
                result.Add((Path.GetFileName(file), resolution));
                if (resolution.Source == ResolutionSource.AnalyzerFolder)
                {
                    queue.Enqueue(resolution.Path!);
                }
            }
        }

        return result;
    }

    private static bool DeclaresAnalyzers(string file)
    {
        using var pe = new PEReader(File.OpenRead(file));
        if (!pe.HasMetadata)
        {
            return false;
        }

        var md = pe.GetMetadataReader();
        foreach (var handle in md.CustomAttributes)
        {
            var attribute = md.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                continue;
            }

            var parent = md.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
            if (parent.Kind == HandleKind.TypeReference
                && md.GetString(md.GetTypeReference((TypeReferenceHandle)parent).Name) is "DiagnosticAnalyzerAttribute" or "GeneratorAttribute")
            {
                return true;
            }
        }

        return false;
    }
}
