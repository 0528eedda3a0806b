using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace PromptBudget.Core.PromptFiles;

/// <summary>A template that cannot be read as written: the 1-based line in the template text and the problem.</summary>
public readonly struct TemplateProblem
{
    public TemplateProblem(int line, string message)
    {
        Line = line;
        Message = message;
    }

    public int Line { get; }

    public string Message { get; }
}

/// <summary>
/// Splits a prompt template into the text sent as written and the holes filled at run time. Static text is
/// counted; a variable or a call is a dynamic segment; a loop (<c>{{#each}}</c>, <c>{% for %}</c>, a
/// Mustache section) is one unbounded segment, its body included. Conditionals keep the text of every
/// branch (the worst case). Comments and tags that print nothing are dropped. Unclosed tags and blocks are
/// reported with their line, and the rest of the text is then counted as written.
/// </summary>
public static class TemplateParser
{
    public static List<TemplatePart> Parse(string text, TemplateSyntax syntax, List<TemplateProblem> problems)
    {
        return new Run(text, syntax, problems).Parse();
    }

    private sealed class Block
    {
        public Block(string name, bool isLoop, bool isMessage, string tag, int line)
        {
            Name = name;
            IsLoop = isLoop;
            IsMessage = isMessage;
            Tag = tag;
            Line = line;
        }

        public string Name { get; }

        public bool IsLoop { get; }

        public bool IsMessage { get; }

        public string Tag { get; }

        public int Line { get; }
    }

    private sealed class Run
    {
        private readonly string _text;
        private readonly TemplateSyntax _syntax;
        private readonly List<TemplateProblem> _problems;
        private readonly List<TemplatePart> _parts = new();
        private readonly List<Block> _blocks = new();
        private readonly List<int> _lineStarts = new() { 0 };
        private readonly StringBuilder _literal = new();
        private int _literalLine = 1;
        private bool _trimNextStart;

        public Run(string text, TemplateSyntax syntax, List<TemplateProblem> problems)
        {
            _text = text;
            _syntax = syntax;
            _problems = problems;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n')
                {
                    _lineStarts.Add(i + 1);
                }
            }
        }

        private bool InLoop => _blocks.Any(b => b.IsLoop);

        public List<TemplatePart> Parse()
        {
            var pos = 0;
            while (pos < _text.Length)
            {
                var open = NextOpen(pos);
                if (open < 0)
                {
                    AppendText(_text.Substring(pos), pos);
                    break;
                }

                AppendText(_text.Substring(pos, open - pos), pos);
                pos = Tag(open);
            }

            FlushLiteral();
            foreach (var block in _blocks)
            {
                _problems.Add(new TemplateProblem(block.Line, "'" + Shorten(block.Tag) + "' is never closed"));
            }

            return _parts;
        }

        private int NextOpen(int from)
        {
            var brace = _text.IndexOf("{{", from, StringComparison.Ordinal);
            if (_syntax != TemplateSyntax.Liquid)
            {
                return brace;
            }

            var percent = _text.IndexOf("{%", from, StringComparison.Ordinal);
            var hash = _text.IndexOf("{#", from, StringComparison.Ordinal);
            return new[] { brace, percent, hash }.Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        }

        // Reads the tag at 'open' and returns the position after it.
        private int Tag(int open)
        {
            var line = LineOf(open);
            var kind = _text[open + 1];
            string closeMark;
            var contentStart = open + 2;
            if (kind == '{' && _syntax == TemplateSyntax.Handlebars && open + 2 < _text.Length && _text[open + 2] == '{')
            {
                closeMark = "}}}";
                contentStart = open + 3;
            }
            else if (kind == '{' && _syntax == TemplateSyntax.Handlebars && string.CompareOrdinal(_text, open + 2, "!--", 0, 3) == 0)
            {
                closeMark = "--}}";
            }
            else
            {
                closeMark = kind == '%' ? "%}" : kind == '#' ? "#}" : "}}";
            }

            var close = _text.IndexOf(closeMark, contentStart, StringComparison.Ordinal);
            if (close < 0)
            {
                if (_syntax == TemplateSyntax.SemanticKernel)
                {
                    // Semantic Kernel renders an unclosed "{{" as text.
                    AppendText("{{", open);
                    return open + 2;
                }

                _problems.Add(new TemplateProblem(line, "'" + Shorten(_text.Substring(open)) + "' is not closed with '" + closeMark + "'"));
                AppendText(_text.Substring(open), open);
                return _text.Length;
            }

            var end = close + closeMark.Length;
            var tag = _text.Substring(open, end - open);
            var content = _text.Substring(contentStart, close - contentStart);
            if (_syntax != TemplateSyntax.SemanticKernel)
            {
                // Whitespace control: "{{-"/"{%-" (Liquid, Jinja) or "{{~" (Handlebars) trims the text before, "-}}"/"~}}" the text after.
                // Inside a loop nothing is counted, so its tags trim nothing outside it.
                var inLoop = InLoop;
                if (content.StartsWith("-", StringComparison.Ordinal) || content.StartsWith("~", StringComparison.Ordinal))
                {
                    if (!inLoop)
                    {
                        TrimLiteralEnd();
                    }

                    content = content.Substring(1);
                }

                if (content.EndsWith("-", StringComparison.Ordinal) || content.EndsWith("~", StringComparison.Ordinal))
                {
                    _trimNextStart = !inLoop;
                    content = content.Substring(0, content.Length - 1);
                }
            }

            content = content.Trim();
            switch (_syntax)
            {
                case TemplateSyntax.SemanticKernel:
                    SemanticKernelTag(content, tag, line);
                    break;
                case TemplateSyntax.Handlebars:
                    HandlebarsTag(content, tag, line, closeMark == "}}}");
                    break;
                default:
                    if (kind == '#')
                    {
                        break; // {# comment #}
                    }

                    if (kind == '%')
                    {
                        return LiquidStatement(content, tag, line, end);
                    }

                    LiquidOutput(content, tag, line);
                    break;
            }

            return end;
        }

        private void SemanticKernelTag(string content, string tag, int line)
        {
            if (content.Length == 0)
            {
                return;
            }

            if (content[0] == '$')
            {
                AddHole(TemplatePart.Variable(FirstWord(content.Substring(1)), tag, line));
            }
            else if (content[0] == '\'' || content[0] == '"')
            {
                var quote = content[0];
                if (content.Length >= 2 && content[content.Length - 1] == quote)
                {
                    AppendText(content.Substring(1, content.Length - 2).Replace("\\" + quote, quote.ToString()), -1, line);
                }
                else
                {
                    _problems.Add(new TemplateProblem(line, "the text value in '" + Shorten(tag) + "' is not closed with " + quote));
                }
            }
            else
            {
                AddHole(TemplatePart.Call(FirstWord(content), tag, line));
            }
        }

        private void HandlebarsTag(string content, string tag, int line, bool triple)
        {
            if (content.StartsWith("!", StringComparison.Ordinal))
            {
                return; // {{! comment }} and {{!-- comment --}}
            }

            if (!triple && (content.StartsWith("#", StringComparison.Ordinal) || content.StartsWith("^", StringComparison.Ordinal)))
            {
                var inverted = content[0] == '^';
                var body = content.Substring(1).Trim();
                var helper = FirstWord(body);
                var argument = body.Substring(helper.Length).Trim();
                if (helper == "message")
                {
                    // Inside a loop a message is part of the loop's one unbounded segment.
                    var inLoop = InLoop;
                    OpenBlock(new Block(helper, false, !inLoop, tag, line));
                    if (!inLoop)
                    {
                        AddPart(TemplatePart.MessageStart(RoleArgument(argument), tag, line));
                    }

                    return;
                }

                // #if/#unless/#with keep their text (worst case: every branch); #each and any other section
                // (a Mustache section over a list, a custom block helper) repeat: one unbounded loop.
                var isLoop = !inverted && helper != "if" && helper != "unless" && helper != "with";
                OpenBlock(new Block(helper, isLoop, false, tag, line), isLoop ? TemplatePart.Loop(argument.Length > 0 ? argument : helper, tag, line) : null);
                return;
            }

            if (!triple && content.StartsWith("/", StringComparison.Ordinal))
            {
                CloseBlock(FirstWord(content.Substring(1).Trim()), tag, line);
                return;
            }

            if (!triple && (content == "else" || content.StartsWith("else ", StringComparison.Ordinal)))
            {
                return;
            }

            if (!triple && content.StartsWith(">", StringComparison.Ordinal))
            {
                AddHole(TemplatePart.Call(FirstWord(content.Substring(1).Trim()), tag, line));
                return;
            }

            if (content.StartsWith("&", StringComparison.Ordinal))
            {
                content = content.Substring(1).Trim();
            }

            if (content.Length == 0)
            {
                return;
            }

            var words = content.Split(new[] { ' ', '\t', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 1 && IsPath(words[0]))
            {
                AddHole(TemplatePart.Variable(words[0], tag, line));
            }
            else
            {
                AddHole(TemplatePart.Call(words[0], tag, line));
            }
        }

        private void LiquidOutput(string content, string tag, int line)
        {
            if (content.Length == 0)
            {
                return;
            }

            var expression = content.Split('|')[0].Trim();
            if (expression.Length >= 2 && (expression[0] == '\'' || expression[0] == '"') && expression[expression.Length - 1] == expression[0] && !content.Contains("|"))
            {
                AppendText(expression.Substring(1, expression.Length - 2), -1, line);
                return;
            }

            AddHole(IsPath(expression) ? TemplatePart.Variable(expression, tag, line) : TemplatePart.Call(expression, tag, line));
        }

        private int LiquidStatement(string content, string tag, int line, int end)
        {
            var keyword = FirstWord(content);
            var argument = content.Substring(keyword.Length).Trim();
            switch (keyword)
            {
                case "for":
                case "tablerow":
                    var @in = argument.IndexOf(" in ", StringComparison.Ordinal);
                    var source = @in >= 0 ? argument.Substring(@in + 4).Trim() : argument;
                    OpenBlock(new Block(keyword, true, false, tag, line), TemplatePart.Loop(FirstWord(source), tag, line));
                    return end;
                case "if":
                case "unless":
                case "case":
                case "with":
                case "block":
                case "filter":
                case "macro":
                case "call":
                case "capture":
                    OpenBlock(new Block(keyword, false, false, tag, line));
                    return end;
                case "comment":
                case "raw":
                    var closeName = "end" + keyword;
                    var closeAt = FindStatement(end, closeName, out var afterClose);
                    if (closeAt < 0)
                    {
                        _problems.Add(new TemplateProblem(line, "'" + Shorten(tag) + "' is never closed with '{% " + closeName + " %}'"));
                        return _text.Length;
                    }

                    if (keyword == "raw")
                    {
                        AppendText(_text.Substring(end, closeAt - end), end);
                    }

                    return afterClose;
                case "include":
                case "render":
                case "extends":
                case "import":
                case "from":
                    AddHole(TemplatePart.Call(keyword + " " + FirstWord(argument), tag, line));
                    return end;
                case "else":
                case "elif":
                case "elsif":
                case "when":
                case "set":
                case "assign":
                case "increment":
                case "decrement":
                case "break":
                case "continue":
                case "cycle":
                case "liquid":
                case "echo":
                    return end;
            }

            if (keyword.StartsWith("end", StringComparison.Ordinal))
            {
                CloseBlock(keyword.Substring(3), tag, line);
                return end;
            }

            _problems.Add(new TemplateProblem(line, "unknown statement '" + Shorten(tag) + "' (counted as printing nothing)"));
            return end;
        }

        // "{% endraw %}" after 'from', allowing "{%- endraw -%}"; returns its start and sets the position after it.
        private int FindStatement(int from, string name, out int after)
        {
            var at = from;
            while ((at = _text.IndexOf("{%", at, StringComparison.Ordinal)) >= 0)
            {
                var close = _text.IndexOf("%}", at + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    break;
                }

                if (_text.Substring(at + 2, close - at - 2).Trim().Trim('-').Trim() == name)
                {
                    after = close + 2;
                    return at;
                }

                at = close + 2;
            }

            after = _text.Length;
            return -1;
        }

        private void OpenBlock(Block block, TemplatePart? loop = null)
        {
            if (loop is not null)
            {
                AddHole(loop);
            }

            _blocks.Add(block);
        }

        private void CloseBlock(string name, string tag, int line)
        {
            for (var i = _blocks.Count - 1; i >= 0; i--)
            {
                if (_blocks[i].Name == name)
                {
                    var block = _blocks[i];
                    _blocks.RemoveRange(i, _blocks.Count - i);
                    if (block.IsMessage)
                    {
                        AddPart(TemplatePart.MessageEnd(tag, line));
                    }

                    return;
                }
            }

            _problems.Add(new TemplateProblem(line, "'" + Shorten(tag) + "' closes a block that was not opened"));
        }

        private void AddHole(TemplatePart part)
        {
            // Inside a loop everything is part of the loop's one unbounded segment.
            if (!InLoop)
            {
                AddPart(part);
            }
        }

        private void AddPart(TemplatePart part)
        {
            FlushLiteral();
            _parts.Add(part);
        }

        private void AppendText(string text, int position, int line = 0)
        {
            if (InLoop || text.Length == 0)
            {
                return;
            }

            if (_trimNextStart)
            {
                text = text.TrimStart();
                _trimNextStart = false;
                if (text.Length == 0)
                {
                    return;
                }
            }

            if (_literal.Length == 0)
            {
                _literalLine = position >= 0 ? LineOf(position) : line;
            }

            _literal.Append(text);
        }

        private void TrimLiteralEnd()
        {
            var length = _literal.Length;
            while (length > 0 && char.IsWhiteSpace(_literal[length - 1]))
            {
                length--;
            }

            _literal.Length = length;
        }

        private void FlushLiteral()
        {
            if (_literal.Length > 0)
            {
                _parts.Add(TemplatePart.Literal(_literal.ToString(), _literalLine));
                _literal.Clear();
            }
        }

        private int LineOf(int position)
        {
            var index = _lineStarts.BinarySearch(position);
            return (index >= 0 ? index : ~index - 1) + 1;
        }
    }

    private static string RoleArgument(string argument)
    {
        // role="system" or role='system'
        var at = argument.IndexOf("role", StringComparison.Ordinal);
        if (at < 0)
        {
            return "";
        }

        var rest = argument.Substring(at + 4).TrimStart().TrimStart('=').Trim();
        return rest.Trim('"', '\'').Split('"', '\'', ' ')[0];
    }

    private static string FirstWord(string text)
    {
        var end = 0;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != '|' && text[end] != '(' && text[end] != '}')
        {
            end++;
        }

        return text.Substring(0, end);
    }

    private static bool IsPath(string expression) =>
        expression.Length > 0 && expression.All(c => char.IsLetterOrDigit(c) || c == '_' || c == '.' || c == '$' || c == '@' || c == '[' || c == ']' || c == '-');

    internal static string Shorten(string text)
    {
        var single = text.Replace("\r", "").Replace('\n', ' ');
        return single.Length <= 60 ? single : single.Substring(0, 57) + "...";
    }
}
