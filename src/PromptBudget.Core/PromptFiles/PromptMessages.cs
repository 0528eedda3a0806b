using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using PromptBudget.Core.Estimation;

namespace PromptBudget.Core.PromptFiles;

/// <summary>Groups a template's parts into chat messages: Semantic Kernel's message tags, Prompty's role lines.</summary>
public static class PromptMessages
{
    private static readonly Regex MessageTag = new("<message\\s+role\\s*=\\s*[\"'](?<role>[A-Za-z]+)[\"']\\s*>|</message\\s*>", RegexOptions.CultureInvariant);

    // Prompty's role lines: "system:", "user:", "assistant:" alone on a line (optionally "# user:" or with attributes "user[name="x"]:").
    private static readonly Regex RoleLine = new("^[ \\t]*#?[ \\t]*(?<role>system|user|assistant|developer|function|tool)[ \\t]*(\\[[^\\]\\n]*\\])?[ \\t]*:[ \\t]*\\r?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Multiline);

    public static MessageRole? Role(string name) => name.ToLowerInvariant() switch
    {
        "system" => MessageRole.System,
        "developer" => MessageRole.Developer,
        "user" => MessageRole.User,
        "assistant" => MessageRole.Assistant,
        "tool" or "function" => MessageRole.Tool,
        _ => null,
    };

    /// <summary>
    /// Semantic Kernel: a rendered prompt made of <c>&lt;message role="…"&gt;</c> elements (or Handlebars'
    /// <c>{{#message}}</c>) is a chat of those messages; any other prompt is one user message, sent as written.
    /// </summary>
    public static List<PromptFileMessage> FromMessageTags(IReadOnlyList<TemplatePart> parts, List<TemplateProblem> problems)
    {
        var split = new List<TemplatePart>();
        foreach (var part in parts)
        {
            if (part.Kind != TemplatePartKind.Text)
            {
                split.Add(part);
                continue;
            }

            var at = 0;
            foreach (Match match in MessageTag.Matches(part.Text))
            {
                if (match.Index > at)
                {
                    split.Add(TemplatePart.Literal(part.Text.Substring(at, match.Index - at), part.Line));
                }

                var line = part.Line + CountNewlines(part.Text, 0, match.Index);
                split.Add(match.Groups["role"].Success ? TemplatePart.MessageStart(match.Groups["role"].Value, match.Value, line) : TemplatePart.MessageEnd(match.Value, line));
                at = match.Index + match.Length;
            }

            if (at < part.Text.Length)
            {
                split.Add(TemplatePart.Literal(at == 0 ? part.Text : part.Text.Substring(at), part.Line));
            }
        }

        if (!split.Any(p => p.Kind == TemplatePartKind.MessageStart))
        {
            return new List<PromptFileMessage> { new(MessageRole.User, split.Where(p => p.Kind != TemplatePartKind.MessageEnd).ToList()) };
        }

        var messages = new List<PromptFileMessage>();
        var outside = new List<TemplatePart>();
        List<TemplatePart>? current = null;
        var role = MessageRole.User;
        foreach (var part in split)
        {
            switch (part.Kind)
            {
                case TemplatePartKind.MessageStart:
                    if (current is not null)
                    {
                        problems.Add(new TemplateProblem(part.Line, "'" + TemplateParser.Shorten(part.Text) + "' starts a message inside another message"));
                        messages.Add(new PromptFileMessage(role, current));
                    }

                    var known = Role(part.Role);
                    if (known is null)
                    {
                        problems.Add(new TemplateProblem(part.Line, "unknown message role '" + part.Role + "' (counted as a user message)"));
                    }

                    role = known ?? MessageRole.User;
                    current = new List<TemplatePart>();
                    break;
                case TemplatePartKind.MessageEnd:
                    if (current is null)
                    {
                        problems.Add(new TemplateProblem(part.Line, "'" + TemplateParser.Shorten(part.Text) + "' closes no message"));
                    }
                    else
                    {
                        messages.Add(new PromptFileMessage(role, current));
                        current = null;
                    }

                    break;
                default:
                    (current ?? outside).Add(part);
                    break;
            }
        }

        if (current is not null)
        {
            problems.Add(new TemplateProblem(split.Last(p => p.Kind == TemplatePartKind.MessageStart).Line, "a message is never closed with </message>"));
            messages.Add(new PromptFileMessage(role, current));
        }

        // Text between the messages is not sent, but a hole or a loop there may render more messages: keep it, as a user message.
        if (outside.Any(p => p.Kind != TemplatePartKind.Text || p.Text.Trim().Length > 0))
        {
            messages.Add(new PromptFileMessage(MessageRole.User, outside));
        }

        return messages;
    }

    /// <summary>
    /// Prompty: role lines (<c>system:</c>, <c>user:</c>, <c>assistant:</c>) start messages; text before the
    /// first one is a system message. Each message's text is trimmed, as Prompty does.
    /// </summary>
    public static List<PromptFileMessage> FromRoleLines(IReadOnlyList<TemplatePart> parts)
    {
        var messages = new List<(MessageRole Role, List<TemplatePart> Parts)>();
        var current = new List<TemplatePart>();
        var role = MessageRole.System;
        var atLineStart = true;
        foreach (var part in parts)
        {
            if (part.Kind != TemplatePartKind.Text)
            {
                current.Add(part);
                atLineStart = false;
                continue;
            }

            var text = part.Text;
            var at = 0;
            foreach (Match match in RoleLine.Matches(text))
            {
                // A role line must start a line of the whole body, not follow a hole on its line.
                if (match.Index == 0 ? !atLineStart : text[match.Index - 1] != '\n')
                {
                    continue;
                }

                if (match.Index > at)
                {
                    current.Add(TemplatePart.Literal(text.Substring(at, match.Index - at), part.Line + CountNewlines(text, 0, at)));
                }

                messages.Add((role, current));
                current = new List<TemplatePart>();
                role = Role(match.Groups["role"].Value) ?? MessageRole.User;
                at = match.Index + match.Length;
            }

            if (at < text.Length)
            {
                current.Add(TemplatePart.Literal(text.Substring(at), part.Line + CountNewlines(text, 0, at)));
            }

            atLineStart = text.EndsWith("\n", StringComparison.Ordinal);
        }

        messages.Add((role, current));
        return messages
            .Select(m => (m.Role, Parts: Trim(m.Parts)))
            .Where(m => m.Parts.Count > 0)
            .Select(m => new PromptFileMessage(m.Role, m.Parts))
            .ToList();
    }

    private static List<TemplatePart> Trim(List<TemplatePart> parts)
    {
        var result = new List<TemplatePart>(parts);
        if (result.Count > 0 && result[0].Kind == TemplatePartKind.Text)
        {
            var text = result[0].Text;
            var trimmed = text.TrimStart();
            result[0] = TemplatePart.Literal(trimmed, result[0].Line + CountNewlines(text, 0, text.Length - trimmed.Length));
        }

        var last = result.Count - 1;
        if (last >= 0 && result[last].Kind == TemplatePartKind.Text)
        {
            result[last] = TemplatePart.Literal(result[last].Text.TrimEnd(), result[last].Line);
        }

        return result.Where(p => p.Kind != TemplatePartKind.Text || p.Text.Length > 0).ToList();
    }

    internal static int CountNewlines(string text, int start, int end)
    {
        var count = 0;
        for (var i = start; i < end && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                count++;
            }
        }

        return count;
    }
}
