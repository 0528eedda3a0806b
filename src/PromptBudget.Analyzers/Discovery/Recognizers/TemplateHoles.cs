using System;
using System.Collections.Generic;
using PromptBudget.Analyzers.Evaluation;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>
/// Prompt-template holes: <c>{{$name}}</c> (a variable) and <c>{{plugin.function …}}</c> (a call) are filled
/// at run time, so each becomes a dynamic segment — or the value given for the variable, when known.
/// </summary>
internal static class TemplateHoles
{
    public static StringValue Expand(StringValue template, Func<string, StringValue?> variableValue)
    {
        var parts = new List<StringPart>();
        foreach (var part in template.Parts)
        {
            if (part is not LiteralPart literal)
            {
                parts.Add(part);
                continue;
            }

            var text = literal.Text;
            var start = 0;
            while (true)
            {
                var open = text.IndexOf("{{", start, StringComparison.Ordinal);
                var close = open < 0 ? -1 : text.IndexOf("}}", open + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    parts.Add(new LiteralPart(text.Substring(start)));
                    break;
                }

                parts.Add(new LiteralPart(text.Substring(start, open - start)));
                var hole = text.Substring(open + 2, close - open - 2).Trim();
                if (hole.StartsWith("$", StringComparison.Ordinal) && variableValue(hole.Substring(1)) is { } value)
                {
                    parts.AddRange(value.Parts);
                }
                else
                {
                    parts.Add(new DynamicPart(hole.StartsWith("$", StringComparison.Ordinal) ? hole.Substring(1) : hole, null, null));
                }

                start = close + 2;
            }
        }

        return new StringValue(parts);
    }
}
