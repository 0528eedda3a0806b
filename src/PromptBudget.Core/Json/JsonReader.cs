using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PromptBudget.Core.Json;

/// <summary>
/// A strict RFC 8259 reader producing <see cref="JsonValue"/> trees. Iterative depth is capped so a
/// hostile file cannot overflow the compiler's stack.
/// </summary>
public sealed class JsonReader
{
    private const int MaxDepth = 128;
    private readonly string _text;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    private JsonReader(string text) => _text = text;

    public static JsonValue Parse(string text)
    {
        var reader = new JsonReader(text);
        reader.SkipWhitespace();
        var value = reader.ReadValue(0);
        reader.SkipWhitespace();
        if (reader._pos < text.Length)
        {
            throw reader.Error("Unexpected text after the JSON value");
        }

        return value;
    }

    private JsonValue ReadValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error($"Nesting deeper than {MaxDepth}");
        }

        if (_pos >= _text.Length)
        {
            throw Error("Unexpected end of input");
        }

        var line = _line;
        var c = _text[_pos];
        switch (c)
        {
            case '{':
                return ReadObject(depth, line);
            case '[':
                return ReadArray(depth, line);
            case '"':
                return JsonValue.String(ReadString(), line);
            case 't':
                Expect("true");
                return JsonValue.Bool(true, line);
            case 'f':
                Expect("false");
                return JsonValue.Bool(false, line);
            case 'n':
                Expect("null");
                return JsonValue.Null(line);
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return JsonValue.Number(ReadNumber(), line);
                }

                throw Error($"Unexpected character '{c}'");
        }
    }

    private JsonValue ReadObject(int depth, int line)
    {
        _pos++;
        var members = new List<KeyValuePair<string, JsonValue>>();
        SkipWhitespace();
        if (Peek() == '}')
        {
            _pos++;
            return JsonValue.Object(members, line);
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw Error("Expected a property name");
            }

            var name = ReadString();
            SkipWhitespace();
            if (Peek() != ':')
            {
                throw Error("Expected ':'");
            }

            _pos++;
            SkipWhitespace();
            members.Add(new KeyValuePair<string, JsonValue>(name, ReadValue(depth + 1)));
            SkipWhitespace();
            var next = Peek();
            _pos++;
            if (next == '}')
            {
                return JsonValue.Object(members, line);
            }

            if (next != ',')
            {
                _pos--;
                throw Error("Expected ',' or '}'");
            }
        }
    }

    private JsonValue ReadArray(int depth, int line)
    {
        _pos++;
        var items = new List<JsonValue>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
            return JsonValue.Array(items, line);
        }

        while (true)
        {
            SkipWhitespace();
            items.Add(ReadValue(depth + 1));
            SkipWhitespace();
            var next = Peek();
            _pos++;
            if (next == ']')
            {
                return JsonValue.Array(items, line);
            }

            if (next != ',')
            {
                _pos--;
                throw Error("Expected ',' or ']'");
            }
        }
    }

    private string ReadString()
    {
        _pos++; // opening quote
        var start = _pos;
        StringBuilder? builder = null;
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error("Unterminated string");
            }

            var c = _text[_pos];
            if (c == '"')
            {
                var result = builder is null ? _text.Substring(start, _pos - start) : builder.Append(_text, start, _pos - start).ToString();
                _pos++;
                return result;
            }

            if (c < ' ')
            {
                throw Error("Control character in string");
            }

            if (c != '\\')
            {
                _pos++;
                continue;
            }

            builder ??= new StringBuilder();
            builder.Append(_text, start, _pos - start);
            _pos++;
            if (_pos >= _text.Length)
            {
                throw Error("Unterminated escape");
            }

            var escape = _text[_pos++];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_pos + 4 > _text.Length || !int.TryParse(_text.Substring(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Error("Bad \\u escape");
                    }

                    builder.Append((char)code);
                    _pos += 4;
                    break;
                default:
                    throw Error($"Bad escape '\\{escape}'");
            }

            start = _pos;
        }
    }

    private string ReadNumber()
    {
        var start = _pos;
        if (Peek() == '-')
        {
            _pos++;
        }

        var digits = ReadDigits();
        if (digits == 0)
        {
            throw Error("Expected a digit");
        }

        if (Peek() == '.')
        {
            _pos++;
            if (ReadDigits() == 0)
            {
                throw Error("Expected a digit after '.'");
            }
        }

        if (Peek() is 'e' or 'E')
        {
            _pos++;
            if (Peek() is '+' or '-')
            {
                _pos++;
            }

            if (ReadDigits() == 0)
            {
                throw Error("Expected an exponent");
            }
        }

        return _text.Substring(start, _pos - start);
    }

    private int ReadDigits()
    {
        var start = _pos;
        while (_pos < _text.Length && _text[_pos] >= '0' && _text[_pos] <= '9')
        {
            _pos++;
        }

        return _pos - start;
    }

    private void Expect(string word)
    {
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
        {
            throw Error($"Expected '{word}'");
        }

        _pos += word.Length;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void SkipWhitespace()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                _line++;
                _lineStart = _pos + 1;
            }
            else if (c != ' ' && c != '\t' && c != '\r' && c != '\uFEFF')
            {
                return;
            }

            _pos++;
        }
    }

    private JsonParseException Error(string message) => new(message, _line, _pos - _lineStart + 1);
}
