using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>
/// Gemini's content shape, shared by Google.GenAI and Mscc.GenerativeAI: a plain string, or
/// <c>new Content { Parts = [new Part { Text = "…" }, …] }</c> whose text parts are read in order.
/// </summary>
internal static class GeminiContentShapes
{
    public static StringValue Text(IOperation value, IOperation site, RecognitionContext context)
    {
        var unwrapped = ValueTracker.Unwrap(value);
        if (unwrapped.Type?.SpecialType == SpecialType.System_String || unwrapped.ConstantValue.HasValue)
        {
            return context.Text(unwrapped);
        }

        if (context.Tracker.Definition(value, context.CancellationToken) is IObjectCreationOperation { Type.Name: "Content" } content
            && context.PropertyValue(content, "Parts", site) is { } parts)
        {
            var pieces = new List<StringPart>();
            foreach (var part in context.Elements(parts, site))
            {
                var text = context.PropertyValue(part, "Text", site);
                if (text is null)
                {
                    pieces.Add(new DynamicPart(SegmentName.Shorten(part.Syntax.ToString()), null, null));
                    continue;
                }

                pieces.AddRange(context.Text(text).Parts);
            }

            if (pieces.Count > 0)
            {
                return new StringValue(pieces);
            }
        }

        return StringValue.Dynamic(SegmentName.Shorten(value.Syntax.ToString()));
    }

}
