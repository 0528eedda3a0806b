using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using PromptBudget.Core.Json;

namespace PromptBudget.Core.PromptFiles;

/// <summary>Front matter that is not the YAML subset <see cref="YamlSubsetReader"/> reads, with the 1-based line in the file.</summary>
public sealed class YamlParseException : Exception
{
    public YamlParseException(string message, int line)
        : base(message)
    {
        Line = line;
    }

    public int Line { get; }
}

/// <summary>
/// Reads the YAML that prompt files put in their front matter into <see cref="JsonValue"/> trees: block
/// mappings and sequences by indentation (<c>- key: value</c> items too), plain, single- and double-quoted
/// scalars, literal and folded block scalars (<c>|</c>, <c>&gt;</c>, with <c>-</c>/<c>+</c>), one-line flow
/// collections (<c>[a, b]</c>, <c>{a: 1}</c>) and comments. Anchors, tags, multi-document streams and
/// complex keys are not read: they are reported with their line, never guessed. A plain scalar that reads as
/// a number is a <see cref="JsonKind.Number"/>, <c>true</c>/<c>false</c> a boolean, <c>null</c>/<c>~</c> null.
/// The analyzer carries no YAML package (it must load in every compiler host), hence this reader.
/// </summary>
public sealed class YamlSubsetReader
{
    private const int MaxDepth = 64;

    private readonly List<Line> _lines = new();
    private int _index;

    private YamlSubsetReader(string text, int firstLine)
    {
        var number = firstLine;
        foreach (var raw in text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n'))
        {
            _lines.Add(new Line(raw, number++));
        }
    }

    /// <summary>Parses <paramref name="text"/>; <paramref name="firstLine"/> is the file line of its first line (for messages).</summary>
    /// <exception cref="YamlParseException">The text is not in the subset, with the line.</exception>
    public static JsonValue Parse(string text, int firstLine = 1)
    {
        var reader = new YamlSubsetReader(text, firstLine);
        if (!reader.SkipToContent())
        {
            return JsonValue.Object(new List<KeyValuePair<string, JsonValue>>(), firstLine);
        }

        var first = reader._lines[reader._index];
        if (first.Indent != 0)
        {
            throw new YamlParseException("the first key is indented", first.Number);
        }

        var value = reader.ParseBlock(0, 0);
        if (reader.SkipToContent())
        {
            var extra = reader._lines[reader._index];
            throw new YamlParseException("unexpected indentation or text: '" + Shorten(extra.Content) + "'", extra.Number);
        }

        return value;
    }

    private JsonValue ParseBlock(int indent, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new YamlParseException($"nesting deeper than {MaxDepth} levels", _lines[_index].Number);
        }

        var line = _lines[_index];
        return IsSequenceItem(line.Content) ? ParseSequence(indent, depth) : ParseMapping(indent, depth);
    }

    private JsonValue ParseMapping(int indent, int depth)
    {
        var members = new List<KeyValuePair<string, JsonValue>>();
        var startLine = _lines[_index].Number;
        while (SkipToContent())
        {
            var line = _lines[_index];
            if (line.Indent < indent)
            {
                break;
            }

            if (line.Indent > indent)
            {
                throw new YamlParseException("unexpected indentation: '" + Shorten(line.Content) + "'", line.Number);
            }

            if (IsSequenceItem(line.Content))
            {
                // A sequence item at a mapping's own indentation ends it (the caller's "key:\n- item" form).
                break;
            }

            var (key, rest) = SplitKey(line);
            _index++;
            members.Add(new KeyValuePair<string, JsonValue>(key, ParseValueAfterKey(rest, indent, line.Number, depth, allowSameIndentSequence: true)));
        }

        return JsonValue.Object(members, startLine);
    }

    private JsonValue ParseSequence(int indent, int depth)
    {
        var items = new List<JsonValue>();
        var startLine = _lines[_index].Number;
        while (SkipToContent())
        {
            var line = _lines[_index];
            if (line.Indent < indent || (line.Indent == indent && !IsSequenceItem(line.Content)))
            {
                break;
            }

            if (line.Indent > indent)
            {
                throw new YamlParseException("unexpected indentation: '" + Shorten(line.Content) + "'", line.Number);
            }

            var rest = line.Content.Length == 1 ? "" : line.Content.Substring(1);
            var inner = rest.Length - rest.TrimStart(' ').Length;
            rest = rest.TrimStart(' ');
            if (rest.Length == 0 || rest.StartsWith("#", StringComparison.Ordinal))
            {
                _index++;
                items.Add(NestedBlockOrNull(indent, line.Number, depth, allowSameIndentSequence: false));
                continue;
            }

            if (LooksLikeMappingEntry(rest) || IsSequenceItem(rest))
            {
                // "- key: value" (or "- - x"): the item is a block at the column after the dash; the line is
                // read again as if it started there.
                _lines[_index] = new Line(new string(' ', indent + 1 + inner) + rest, line.Number);
                items.Add(ParseBlock(indent + 1 + inner, depth + 1));
                continue;
            }

            _index++;
            items.Add(ParseInlineValue(rest, indent, line.Number, depth));
        }

        return JsonValue.Array(items, startLine);
    }

    private JsonValue ParseValueAfterKey(string rest, int indent, int lineNumber, int depth, bool allowSameIndentSequence)
    {
        if (rest.Length == 0)
        {
            return NestedBlockOrNull(indent, lineNumber, depth, allowSameIndentSequence);
        }

        return ParseInlineValue(rest, indent, lineNumber, depth);
    }

    private JsonValue ParseInlineValue(string rest, int indent, int lineNumber, int depth)
    {
        if (rest[0] == '|' || rest[0] == '>')
        {
            return BlockScalar(rest, indent, lineNumber);
        }

        if (rest.StartsWith("!!", StringComparison.Ordinal))
        {
            return CoreTagged(rest, indent, lineNumber, depth);
        }

        if (rest[0] == '&' || rest[0] == '*' || rest[0] == '!')
        {
            throw new YamlParseException("anchors, aliases and tags are not supported ('" + Shorten(rest) + "')", lineNumber);
        }

        if (rest[0] == '[' || rest[0] == '{')
        {
            var flow = new FlowReader(StripComment(rest), lineNumber);
            return flow.ReadAll();
        }

        if (rest[0] == '"' || rest[0] == '\'')
        {
            var (text, end) = ReadQuoted(rest, 0, lineNumber);
            var after = StripComment(rest.Substring(end)).Trim();
            if (after.Length > 0)
            {
                throw new YamlParseException("text after a quoted value: '" + Shorten(after) + "'", lineNumber);
            }

            return JsonValue.String(text, lineNumber);
        }

        // A plain scalar, possibly continued on more-indented lines (folded with spaces).
        var builder = new StringBuilder(StripComment(rest).Trim());
        while (SkipToContent() && _lines[_index].Indent > indent && !LooksLikeMappingEntry(_lines[_index].Content) && !IsSequenceItem(_lines[_index].Content))
        {
            builder.Append(' ').Append(StripComment(_lines[_index].Content).Trim());
            _index++;
        }

        return Plain(builder.ToString(), lineNumber);
    }

    // YAML's core-schema tags on a scalar (Semantic Kernel's samples write "strict: !!bool true"): the value
    // is read as the tag says. Other tags (local ones, !!map, !!binary) are reported, not guessed.
    private JsonValue CoreTagged(string rest, int indent, int lineNumber, int depth)
    {
        var space = rest.IndexOf(' ');
        var tag = space < 0 ? rest.Substring(2) : rest.Substring(2, space - 2);
        var text = space < 0 ? "" : rest.Substring(space + 1).Trim();
        if (text.Length == 0 || text[0] == '!' || text[0] == '|' || text[0] == '>' || text[0] == '[' || text[0] == '{')
        {
            throw new YamlParseException("the tag '!!" + tag + "' is supported only before a one-line value ('" + Shorten(rest) + "')", lineNumber);
        }

        var value = ParseInlineValue(text, indent, lineNumber, depth);
        var kind = tag switch
        {
            "str" => JsonKind.String,
            "bool" => JsonKind.Boolean,
            "int" or "float" => JsonKind.Number,
            "null" => JsonKind.Null,
            _ => throw new YamlParseException("the tag '!!" + tag + "' is not supported (only !!str, !!bool, !!int, !!float, !!null)", lineNumber),
        };

        if (kind == JsonKind.String)
        {
            return JsonValue.String(value.Kind == JsonKind.Boolean ? (value.Boolean ? "true" : "false") : value.Text ?? text, lineNumber);
        }

        if (value.Kind != kind)
        {
            throw new YamlParseException("'" + Shorten(text) + "' is not a valid !!" + tag, lineNumber);
        }

        return value;
    }

    private JsonValue NestedBlockOrNull(int indent, int lineNumber, int depth, bool allowSameIndentSequence)
    {
        if (!SkipToContent())
        {
            return JsonValue.Null(lineNumber);
        }

        var next = _lines[_index];
        if (next.Indent > indent)
        {
            return ParseBlock(next.Indent, depth + 1);
        }

        if (allowSameIndentSequence && next.Indent == indent && IsSequenceItem(next.Content))
        {
            return ParseSequence(indent, depth + 1);
        }

        return JsonValue.Null(lineNumber);
    }

    private JsonValue BlockScalar(string header, int indent, int lineNumber)
    {
        var literal = header[0] == '|';
        var indicators = StripComment(header.Substring(1)).Trim();
        var chomp = indicators.Contains("-") ? '-' : indicators.Contains("+") ? '+' : ' ';
        if (indicators.Trim('-', '+').Length > 0)
        {
            throw new YamlParseException("block scalar indentation indicators are not supported ('" + Shorten(header) + "')", lineNumber);
        }

        var lines = new List<string>();
        var blockIndent = -1;
        while (_index < _lines.Count)
        {
            var line = _lines[_index];
            if (line.Raw.Trim().Length == 0)
            {
                lines.Add("");
                _index++;
                continue;
            }

            var lineIndent = line.Raw.Length - line.Raw.TrimStart(' ').Length;
            if (blockIndent < 0)
            {
                if (lineIndent <= indent)
                {
                    break;
                }

                blockIndent = lineIndent;
            }

            if (lineIndent < blockIndent)
            {
                break;
            }

            lines.Add(line.Raw.Substring(blockIndent));
            _index++;
        }

        // Trailing blank lines belong to the block only for the chomping indicator.
        var trailing = 0;
        while (lines.Count > 0 && lines[lines.Count - 1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
            trailing++;
        }

        var builder = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                var separator = literal || lines[i].Length == 0 || lines[i - 1].Length == 0 || lines[i].StartsWith(" ", StringComparison.Ordinal) ? "\n" : " ";
                builder.Append(separator);
            }

            builder.Append(lines[i]);
        }

        if (lines.Count > 0 && chomp != '-')
        {
            builder.Append('\n');
            if (chomp == '+')
            {
                builder.Append('\n', trailing);
            }
        }

        return JsonValue.String(builder.ToString(), lineNumber);
    }

    private static JsonValue Plain(string text, int lineNumber)
    {
        switch (text)
        {
            case "":
            case "~":
            case "null":
            case "Null":
            case "NULL":
                return JsonValue.Null(lineNumber);
            case "true":
            case "True":
            case "TRUE":
                return JsonValue.Bool(true, lineNumber);
            case "false":
            case "False":
            case "FALSE":
                return JsonValue.Bool(false, lineNumber);
        }

        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out _)
            && (char.IsDigit(text[0]) || ((text[0] == '-' || text[0] == '+' || text[0] == '.') && text.Length > 1)))
        {
            return JsonValue.Number(text, lineNumber);
        }

        return JsonValue.String(text, lineNumber);
    }

    private (string Key, string Value) SplitKey(Line line)
    {
        var content = line.Content;
        string key;
        int after;
        if (content[0] == '"' || content[0] == '\'')
        {
            (key, after) = ReadQuoted(content, 0, line.Number);
            if (after >= content.Length || content[after] != ':')
            {
                throw new YamlParseException("expected ':' after the key " + content.Substring(0, after), line.Number);
            }
        }
        else
        {
            after = KeyColon(content);
            if (after < 0)
            {
                throw new YamlParseException("expected 'key: value', found '" + Shorten(content) + "'", line.Number);
            }

            key = content.Substring(0, after).Trim();
            if (key.StartsWith("?", StringComparison.Ordinal) || key.StartsWith("&", StringComparison.Ordinal) || key.StartsWith("!", StringComparison.Ordinal))
            {
                throw new YamlParseException("complex keys, anchors and tags are not supported ('" + Shorten(key) + "')", line.Number);
            }
        }

        var rest = content.Substring(after + 1);
        if (rest.Length > 0 && rest[0] != ' ')
        {
            throw new YamlParseException("expected a space after ':' in '" + Shorten(content) + "'", line.Number);
        }

        rest = rest.Trim();
        return (key, rest.StartsWith("#", StringComparison.Ordinal) ? "" : rest);
    }

    // The ':' that ends a plain key: followed by a space or the end of the line, outside quotes.
    private static int KeyColon(string content)
    {
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] == '#' && i > 0 && content[i - 1] == ' ')
            {
                return -1;
            }

            if (content[i] == ':' && (i + 1 == content.Length || content[i + 1] == ' '))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool LooksLikeMappingEntry(string content)
    {
        if (content.Length == 0)
        {
            return false;
        }

        if (content[0] == '"' || content[0] == '\'')
        {
            var quote = content[0];
            var end = content.IndexOf(quote, 1);
            return end > 0 && end + 1 < content.Length && content[end + 1] == ':';
        }

        return content[0] != '[' && content[0] != '{' && KeyColon(content) > 0;
    }

    private static bool IsSequenceItem(string content) => content == "-" || content.StartsWith("- ", StringComparison.Ordinal);

    internal static (string Text, int End) ReadQuoted(string text, int start, int lineNumber)
    {
        var quote = text[start];
        var builder = new StringBuilder();
        var i = start + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (quote == '\'' && c == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    builder.Append('\'');
                    i += 2;
                    continue;
                }

                return (builder.ToString(), i + 1);
            }

            if (quote == '"' && c == '"')
            {
                return (builder.ToString(), i + 1);
            }

            if (quote == '"' && c == '\\' && i + 1 < text.Length)
            {
                var e = text[i + 1];
                i += 2;
                switch (e)
                {
                    case 'n': builder.Append('\n'); break;
                    case 't': builder.Append('\t'); break;
                    case 'r': builder.Append('\r'); break;
                    case '0': builder.Append('\0'); break;
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case ' ': builder.Append(' '); break;
                    case 'u' when i + 4 <= text.Length && int.TryParse(text.Substring(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                        builder.Append((char)code);
                        i += 4;
                        break;
                    default:
                        throw new YamlParseException("unknown escape '\\" + e + "' in a double-quoted value", lineNumber);
                }

                continue;
            }

            builder.Append(c);
            i++;
        }

        throw new YamlParseException("a quoted value is not closed on its line", lineNumber);
    }

    private static string StripComment(string text)
    {
        var quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c == '"' || c == '\'')
            {
                if (i == 0 || text[i - 1] == ' ' || text[i - 1] == '[' || text[i - 1] == '{' || text[i - 1] == ',')
                {
                    quote = c;
                }
            }
            else if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t'))
            {
                return text.Substring(0, i).TrimEnd();
            }
        }

        return text;
    }

    private bool SkipToContent()
    {
        while (_index < _lines.Count)
        {
            var line = _lines[_index];
            if (line.Content.Length > 0 && !line.Content.StartsWith("#", StringComparison.Ordinal))
            {
                if (line.Raw.Length > 0 && line.Raw.TrimStart(' ').StartsWith("\t", StringComparison.Ordinal))
                {
                    throw new YamlParseException("a tab indents this line; YAML indents with spaces", line.Number);
                }

                if (line.Content == "---" || line.Content == "...")
                {
                    throw new YamlParseException("more than one YAML document ('" + line.Content + "') is not supported", line.Number);
                }

                return true;
            }

            _index++;
        }

        return false;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 57) + "...";

    private readonly struct Line
    {
        public Line(string raw, int number)
        {
            Raw = raw;
            Number = number;
            var trimmed = raw.TrimStart(' ');
            Indent = raw.Length - trimmed.Length;
            Content = trimmed.TrimEnd();
        }

        public string Raw { get; }

        public int Number { get; }

        public int Indent { get; }

        /// <summary>The line without its indentation and trailing spaces.</summary>
        public string Content { get; }
    }

    /// <summary>A one-line flow collection: <c>[a, "b", {c: 1}]</c>.</summary>
    private sealed class FlowReader
    {
        private readonly string _text;
        private readonly int _line;
        private int _pos;

        public FlowReader(string text, int line)
        {
            _text = text;
            _line = line;
        }

        public JsonValue ReadAll()
        {
            var value = Read(0);
            SkipSpaces();
            if (_pos < _text.Length)
            {
                throw new YamlParseException("text after a flow collection: '" + Shorten(_text.Substring(_pos)) + "'", _line);
            }

            return value;
        }

        private JsonValue Read(int depth)
        {
            if (depth > MaxDepth)
            {
                throw new YamlParseException($"nesting deeper than {MaxDepth} levels", _line);
            }

            SkipSpaces();
            if (_pos >= _text.Length)
            {
                throw new YamlParseException("a flow collection is not closed on its line", _line);
            }

            var c = _text[_pos];
            if (c == '[')
            {
                _pos++;
                var items = new List<JsonValue>();
                SkipSpaces();
                if (Peek(']'))
                {
                    _pos++;
                    return JsonValue.Array(items, _line);
                }

                while (true)
                {
                    items.Add(Read(depth + 1));
                    SkipSpaces();
                    if (Peek(','))
                    {
                        _pos++;
                        continue;
                    }

                    if (Peek(']'))
                    {
                        _pos++;
                        return JsonValue.Array(items, _line);
                    }

                    throw new YamlParseException("expected ',' or ']' in a flow sequence", _line);
                }
            }

            if (c == '{')
            {
                _pos++;
                var members = new List<KeyValuePair<string, JsonValue>>();
                SkipSpaces();
                if (Peek('}'))
                {
                    _pos++;
                    return JsonValue.Object(members, _line);
                }

                while (true)
                {
                    SkipSpaces();
                    var key = Scalar(stopAtColon: true).Text ?? "";
                    SkipSpaces();
                    if (!Peek(':'))
                    {
                        throw new YamlParseException("expected ':' after '" + key + "' in a flow mapping", _line);
                    }

                    _pos++;
                    members.Add(new KeyValuePair<string, JsonValue>(key, Read(depth + 1)));
                    SkipSpaces();
                    if (Peek(','))
                    {
                        _pos++;
                        continue;
                    }

                    if (Peek('}'))
                    {
                        _pos++;
                        return JsonValue.Object(members, _line);
                    }

                    throw new YamlParseException("expected ',' or '}' in a flow mapping", _line);
                }
            }

            return Scalar(stopAtColon: false);
        }

        private JsonValue Scalar(bool stopAtColon)
        {
            if (_pos < _text.Length && (_text[_pos] == '"' || _text[_pos] == '\''))
            {
                var (text, end) = ReadQuoted(_text, _pos, _line);
                _pos = end;
                return JsonValue.String(text, _line);
            }

            var start = _pos;
            while (_pos < _text.Length && _text[_pos] != ',' && _text[_pos] != ']' && _text[_pos] != '}'
                && !(stopAtColon && _text[_pos] == ':' && (_pos + 1 == _text.Length || _text[_pos + 1] == ' ')))
            {
                _pos++;
            }

            return Plain(_text.Substring(start, _pos - start).Trim(), _line);
        }

        private bool Peek(char c) => _pos < _text.Length && _text[_pos] == c;

        private void SkipSpaces()
        {
            while (_pos < _text.Length && _text[_pos] == ' ')
            {
                _pos++;
            }
        }
    }
}
