using System;
using System.IO;
using System.Reflection;

namespace PromptBudget.Core.Tokenization;

/// <summary>
/// Why a tokenizer could not be loaded in this process: the compiler hosting the analyzer could not bind
/// one of its assemblies (or a type or member in one). Nothing here names a Microsoft.ML.Tokenizers type, so
/// it can be used even when that assembly is what is missing.
/// </summary>
public sealed class TokenizerLoadFailure
{
    private TokenizerLoadFailure(TokenEncoding encoding, string assembly, string reason)
    {
        Encoding = encoding;
        Assembly = assembly;
        Reason = reason;
    }

    public TokenEncoding Encoding { get; }

    /// <summary>The assembly that could not be loaded, with its version (e.g. <c>System.Memory, Version=4.0.2.0, …</c>), or what is known of it.</summary>
    public string Assembly { get; }

    /// <summary>The exception's type and message.</summary>
    public string Reason { get; }

    /// <summary>The runtime the analyzer runs on (e.g. <c>.NET Framework 4.8.9290.0</c>).</summary>
    public static string Runtime
    {
        get
        {
            try
            {
                return System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.Trim();
            }
            catch (Exception)
            {
                return Environment.Version.ToString();
            }
        }
    }

    /// <summary>
    /// True for the exceptions a host that cannot bind an assembly throws (directly, or wrapped by a type
    /// initializer, a reflection call or a task): never for a bug in counting itself.
    /// </summary>
    public static bool IsLoadFailure(Exception exception) => Innermost(exception) is
        FileLoadException or FileNotFoundException or BadImageFormatException or TypeLoadException
        or MissingMemberException or ReflectionTypeLoadException;

    public static TokenizerLoadFailure From(TokenEncoding encoding, Exception exception)
    {
        var inner = Innermost(exception);
        var assembly = inner switch
        {
            FileLoadException load when !string.IsNullOrEmpty(load.FileName) => load.FileName!,
            FileNotFoundException missing when !string.IsNullOrEmpty(missing.FileName) => missing.FileName!,
            BadImageFormatException image when !string.IsNullOrEmpty(image.FileName) => image.FileName!,
            TypeLoadException type when !string.IsNullOrEmpty(type.TypeName) => "the assembly of type " + type.TypeName,
            _ => "a tokenizer assembly",
        };
        var message = inner.Message.Replace('\r', ' ').Replace('\n', ' ').Trim();
        return new TokenizerLoadFailure(encoding, assembly, inner.GetType().Name + ": " + message);
    }

    private static Exception Innermost(Exception exception)
    {
        var current = exception;
        while (true)
        {
            switch (current)
            {
                case TypeInitializationException { InnerException: { } inner }:
                    current = inner;
                    continue;
                case TargetInvocationException { InnerException: { } inner }:
                    current = inner;
                    continue;
                case AggregateException aggregate when aggregate.InnerExceptions.Count == 1:
                    current = aggregate.InnerExceptions[0];
                    continue;
                default:
                    return current;
            }
        }
    }
}
