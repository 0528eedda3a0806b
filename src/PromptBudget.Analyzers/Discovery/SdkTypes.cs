using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace PromptBudget.Analyzers.Discovery;

/// <summary>SDK types of one compilation, looked up by fully-qualified metadata name and cached.</summary>
internal sealed class SdkTypes
{
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<string, INamedTypeSymbol?> _cache = new();

    public SdkTypes(Compilation compilation) => _compilation = compilation;

    public INamedTypeSymbol? Get(string metadataName) =>
        _cache.GetOrAdd(metadataName, name => _compilation.GetTypeByMetadataName(name));

    public bool Has(string metadataName) => Get(metadataName) is not null;

    /// <summary>True when <paramref name="type"/> is, derives from or implements the named type.</summary>
    public bool Is(ITypeSymbol? type, string metadataName)
    {
        var target = Get(metadataName);
        if (type is null || target is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, target))
            {
                return true;
            }
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, target))
            {
                return true;
            }
        }

        return SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, target);
    }
}
