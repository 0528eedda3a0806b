using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;
using PromptBudget.Core.Reporting;

namespace PromptBudget.Analyzers.Diagnostics;

/// <summary>
/// A prompt call bound at run time: <c>client.GetResponseAsync((dynamic)x)</c>, or a call on a <c>dynamic</c> client. The
/// compiler makes it an <see cref="IDynamicInvocationOperation"/>, which has no target method and no parameters, so no
/// recognizer can read it. It is never skipped in silence: a call whose name is a prompt method of the SDKs the
/// recognizers know, on a receiver of an SDK type (or on a <c>dynamic</c> receiver that nothing shows the type of, for the
/// names no other library uses), is reported (PB1009) and recorded with no model and no cost, so the report says it is
/// incomplete.
/// </summary>
internal static class DynamicPromptCall
{
    /// <summary>Prompt methods whose name says what they are: reported on a dynamic receiver too.</summary>
    private static readonly HashSet<string> DistinctNames = new(StringComparer.Ordinal)
    {
        "GetResponseAsync", "GetStreamingResponseAsync",
        "CompleteChat", "CompleteChatAsync", "CompleteChatStreaming", "CompleteChatStreamingAsync",
        "CreateResponse", "CreateResponseAsync", "CreateResponseStreamingAsync",
        "InvokePromptAsync", "InvokePromptStreamingAsync",
        "GetChatMessageContentAsync", "GetChatMessageContentsAsync", "GetStreamingChatMessageContentsAsync",
        "GenerateContent", "GenerateContentAsync", "GenerateContentStream", "GenerateContentStreamAsync",
        "GetClaudeMessageAsync", "StreamClaudeMessageAsync",
    };

    /// <summary>Prompt methods whose name other libraries use too (an agent's RunAsync, Messages.Create): only on an SDK type.</summary>
    private static readonly HashSet<string> SharedNames = new(StringComparer.Ordinal)
    {
        "RunAsync", "RunStreamingAsync", "InvokeAsync", "InvokeStreamingAsync", "Create", "CreateStreaming",
    };

    private static readonly string[] SdkNamespaces =
    {
        "OpenAI", "Azure.AI.OpenAI", "Microsoft.Extensions.AI", "Microsoft.SemanticKernel", "Microsoft.Agents.AI",
        "Anthropic", "Google.GenAI", "Mscc.GenerativeAI",
    };

    /// <summary>The SDK the call belongs to (a namespace), and what is dynamic in it; null when it is not a prompt call.</summary>
    public static (string Sdk, string What)? Recognize(IDynamicInvocationOperation invocation, ValueTracker tracker, CancellationToken cancellationToken)
    {
        if (invocation.Operation is not IDynamicMemberReferenceOperation member
            || !(DistinctNames.Contains(member.MemberName) || SharedNames.Contains(member.MemberName)))
        {
            return null;
        }

        var receiver = member.Instance;
        if (receiver?.Type is { TypeKind: not TypeKind.Dynamic } type)
        {
            return SdkOf(type) is { } sdk
                ? (sdk, "an argument is dynamic, so the call is bound at run time")
                : null;
        }

        // A dynamic receiver: the type it was made with, when the trail shows it (dynamic c = new ChatClient(…)).
        var made = receiver is null ? null : ValueTracker.Unwrap(tracker.Definition(receiver, cancellationToken));
        if (made?.Type is { TypeKind: not TypeKind.Dynamic } madeType)
        {
            return SdkOf(madeType) is { } sdk ? (sdk, "the client is 'dynamic', so the call is bound at run time") : null;
        }

        return DistinctNames.Contains(member.MemberName)
            ? ("unknown SDK", "the client is 'dynamic' and nothing shows its type, so the call is bound at run time")
            : null;
    }

    /// <summary>The record the report reads: the call, with no model and no cost (counted as incomplete, never as $0).</summary>
    public static CallSiteRecord Record(IDynamicInvocationOperation invocation, string sdk, string reason, string member, string? priceDate)
    {
        var span = invocation.Syntax.GetLocation().GetLineSpan();
        return new CallSiteRecord
        {
            File = span.Path ?? "",
            Line = span.StartLinePosition.Line + 1,
            Column = span.StartLinePosition.Character + 1,
            Member = member,
            Sdk = sdk,
            Model = null,
            ModelSource = "unknown",
            ModelSourceDetail = reason,
            PriceDate = priceDate,
            UnboundedSegments = 1,
            Segments = { new SegmentRecord { Name = "(dynamic call)" } },
            Preview = "",
        };
    }

    /// <summary>What PB1009 says: why the call cannot be read, and how to make it readable.</summary>
    public static string Reason(string what) =>
        "this call is dynamic (" + what + "), so PromptBudget cannot read it and its cost is not counted; cast the dynamic value to its type so that the call binds at compile time";

    private static string? SdkOf(ITypeSymbol type)
    {
        foreach (var candidate in new[] { type }.Concat(type.AllInterfaces).Concat(BaseTypes(type)))
        {
            var ns = candidate.ContainingNamespace?.ToDisplayString() ?? "";
            var sdk = SdkNamespaces.FirstOrDefault(n => ns == n || ns.StartsWith(n + ".", StringComparison.Ordinal));
            if (sdk is not null)
            {
                return ns;
            }
        }

        return null;
    }

    private static IEnumerable<ITypeSymbol> BaseTypes(ITypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            yield return current;
        }
    }
}
