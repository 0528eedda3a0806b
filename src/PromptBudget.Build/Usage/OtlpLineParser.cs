using System;
using System.Collections.Generic;
using System.Globalization;

namespace PromptBudget.Build.Usage;

/// <summary>
/// Reads one line of an OTLP/JSON trace file (one <c>ExportTraceServiceRequest</c>) forward only, straight from
/// its UTF-8 bytes: the JSON is checked as strictly as a parser would, but no tree is built and only the span
/// attributes of <see cref="OtlpAttributeNames"/> (and the user's feature attribute) are turned into values.
/// A line is all or nothing, as with a parser: its spans are kept until the line has been read to its end and
/// handed out only if the whole line is valid JSON.
/// </summary>
internal sealed class OtlpLineParser
{
    private const int MaxDepth = 128;

    private static readonly byte[] ResourceSpans = OtlpAttributeNames.Utf8("resourceSpans");
    private static readonly byte[] ScopeSpans = OtlpAttributeNames.Utf8("scopeSpans");
    private static readonly byte[] SpansName = OtlpAttributeNames.Utf8("spans");
    private static readonly byte[] Attributes = OtlpAttributeNames.Utf8("attributes");
    private static readonly byte[] Name = OtlpAttributeNames.Utf8("name");
    private static readonly byte[] StartTime = OtlpAttributeNames.Utf8("startTimeUnixNano");
    private static readonly byte[] EndTime = OtlpAttributeNames.Utf8("endTimeUnixNano");
    private static readonly byte[] Key = OtlpAttributeNames.Utf8("key");
    private static readonly byte[] Value = OtlpAttributeNames.Utf8("value");
    private static readonly byte[] IntValue = OtlpAttributeNames.Utf8("intValue");
    private static readonly byte[] DoubleValue = OtlpAttributeNames.Utf8("doubleValue");
    private static readonly byte[] StringValue = OtlpAttributeNames.Utf8("stringValue");
    private static readonly byte[][] NumberNames = Array.ConvertAll(OtlpAttributeNames.Numbers, OtlpAttributeNames.Utf8);

    private readonly string[] _stringNameTexts;
    private readonly byte[][] _stringNames;
    private readonly Utf8StringCache _strings = new();
    private readonly List<UsageSpan> _spans = new();
    private readonly long?[] _numbers = new long?[OtlpAttributeNames.Numbers.Length];
    private readonly string?[] _texts;

    private byte[] _b = Array.Empty<byte>();
    private int _pos;
    private int _end;
    private int _depth;
    private string? _spanError;

    /// <summary>Attribute names kept for the "did you mean" of PB2008 (and how many attributes are looked at for them).</summary>
    public const int MaxOtherKeys = 200;
    private const int MaxKeysExamined = 100_000;

    private readonly bool _featureNamed;
    private int _keysExamined;

    /// <param name="featureAttribute">The attribute that names a span's feature (<c>PromptBudgetUsageFeatureAttribute</c>), or null.</param>
    public OtlpLineParser(string? featureAttribute)
    {
        _featureNamed = !string.IsNullOrWhiteSpace(featureAttribute);
        _stringNameTexts = string.IsNullOrWhiteSpace(featureAttribute)
            ? OtlpAttributeNames.Strings
            : new List<string>(OtlpAttributeNames.Strings) { featureAttribute!.Trim() }.ToArray();
        _stringNames = Array.ConvertAll(_stringNameTexts, OtlpAttributeNames.Utf8);
        _texts = new string?[_stringNames.Length];

        // Delegates made once: one per span would be an allocation per span.
        _resource = () => Within(ScopeSpans, _scope!);
        _scope = () => Within(SpansName, _span!);
        _span = Span;
        _attribute = Attribute;
        _skipValue = SkipValue;
    }

    private readonly Action _resource;
    private readonly Action _scope;
    private readonly Action _span;
    private readonly Action _attribute;
    private readonly Action _skipValue;

    /// <summary>Spans of the last line read that carry usage (the first <see cref="UsageSpanCount"/> of them; the objects are reused).</summary>
    public List<UsageSpan> UsageSpans => _spans;

    public int UsageSpanCount { get; private set; }

    /// <summary>Spans in the last line.</summary>
    public long Spans { get; private set; }

    public long WithoutUsage { get; private set; }

    /// <summary>
    /// With a feature attribute named and until a span carries it: other span attribute names seen (the first
    /// <see cref="MaxOtherKeys"/>, among the first attributes read), so PB2008 can name the ones that look close.
    /// Nothing is collected once the attribute is found, so a file that has it pays nothing for this.
    /// </summary>
    public HashSet<string> OtherKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether any span read so far carries the feature attribute (with any value).</summary>
    public bool FeatureSeen { get; private set; }

    /// <summary>Why each unusable span of the last line cannot be used.</summary>
    public List<string> SpanProblems { get; } = new();

    /// <summary>Reads <paramref name="buffer"/>[start, end); returns why the line cannot be used, or null.</summary>
    public string? Parse(byte[] buffer, int start, int end)
    {
        _b = buffer;
        _pos = start;
        _end = end;
        _lineStart = start;
        _depth = 0;
        UsageSpanCount = 0;
        Spans = 0;
        WithoutUsage = 0;
        SpanProblems.Clear();
        try
        {
            Whitespace();
            var isTraceRequest = Peek() == '{' ? Root() : SkipValueReturningFalse();
            Whitespace();
            if (_pos < _end)
            {
                throw Fail("Unexpected text after the JSON value");
            }

            return isTraceRequest ? null : "not an OTLP/JSON trace request (no 'resourceSpans' array)";
        }
        catch (SyntaxError error)
        {
            UsageSpanCount = 0;
            Spans = 0;
            WithoutUsage = 0;
            SpanProblems.Clear();
            return "not JSON: " + error.Message;
        }
    }

    private bool SkipValueReturningFalse()
    {
        SkipValue();
        return false;
    }

    private bool Root()
    {
        var found = false;
        Enter('{');
        var first = true;
        while (Member(ref first, out var ks, out var ke, out var escaped))
        {
            if (Peek() == '[' && Is(ks, ke, escaped, ResourceSpans))
            {
                found = true;
                Elements(_resource);
            }
            else
            {
                SkipValue();
            }
        }

        return found;
    }

    /// <summary>An object whose member <paramref name="name"/> is an array of <paramref name="each"/>; anything else is skipped.</summary>
    private void Within(byte[] name, Action each)
    {
        if (Peek() != '{')
        {
            SkipValue();
            return;
        }

        Enter('{');
        var first = true;
        while (Member(ref first, out var ks, out var ke, out var escaped))
        {
            if (Peek() == '[' && Is(ks, ke, escaped, name))
            {
                Elements(each);
            }
            else
            {
                SkipValue();
            }
        }
    }

    private void Span()
    {
        Spans++;
        if (Peek() != '{')
        {
            SkipValue();
            WithoutUsage++;
            return;
        }

        Array.Clear(_numbers, 0, _numbers.Length);
        Array.Clear(_texts, 0, _texts.Length);
        _spanError = null;
        int nameStart = -1, nameEnd = -1;
        var nameEscaped = false;
        long? start = null, end = null;
        Enter('{');
        var first = true;
        while (Member(ref first, out var ks, out var ke, out var escaped))
        {
            var c = Peek();
            if (c == '[' && Is(ks, ke, escaped, Attributes))
            {
                Elements(_attribute);
            }
            else if (c == '"' && Is(ks, ke, escaped, Name))
            {
                ReadString(out nameStart, out nameEnd, out nameEscaped);
            }
            else if (Is(ks, ke, escaped, StartTime))
            {
                start = Time("startTimeUnixNano");
            }
            else if (Is(ks, ke, escaped, EndTime))
            {
                end = Time("endTimeUnixNano");
            }
            else
            {
                SkipValue();
            }
        }

        if (_spanError is not null)
        {
            SpanProblems.Add(nameStart < 0 ? _spanError : $"span '{Utf8StringCache.Decode(_b, nameStart, nameEnd, nameEscaped)}': {_spanError}");
            return;
        }

        var input = First(OtlpAttributeNames.Input);
        var output = First(OtlpAttributeNames.Output);
        if (input is null && output is null)
        {
            WithoutUsage++;
            return;
        }

        if (UsageSpanCount == _spans.Count)
        {
            _spans.Add(new UsageSpan());
        }

        var span = _spans[UsageSpanCount++];
        span.InputTokens = input;
        span.OutputTokens = output;
        span.CacheReadInputTokens = First(OtlpAttributeNames.CacheRead);
        span.CacheCreationInputTokens = First(OtlpAttributeNames.CacheCreation);
        span.ReasoningOutputTokens = First(OtlpAttributeNames.Reasoning);
        span.Line = _numbers[OtlpAttributeNames.Line] ?? _numbers[OtlpAttributeNames.Line + 1];
        span.RequestModel = _texts[OtlpAttributeNames.Request];
        span.ResponseModel = _texts[OtlpAttributeNames.Response];
        span.FilePath = _texts[OtlpAttributeNames.File] ?? _texts[OtlpAttributeNames.File + 1];
        span.Feature = _texts.Length > OtlpAttributeNames.Feature ? _texts[OtlpAttributeNames.Feature] : null;
        span.StartUnixNano = start;
        span.EndUnixNano = end;
    }

    /// <summary>The value of the first name of a row of three that the span carries.</summary>
    private long? First(int slot) => _numbers[slot] ?? _numbers[slot + 1] ?? _numbers[slot + 2];

    /// <summary>One <c>{"key": …, "value": {…}}</c>: kept when the key is one of ours and the value an object.</summary>
    private void Attribute()
    {
        if (Peek() != '{')
        {
            SkipValue();
            return;
        }

        int keyStart = -1, keyEnd = -1;
        var keyEscaped = false;
        int intAt = -1, doubleAt = -1, stringAt = -1;
        var hasValue = false;
        Enter('{');
        var first = true;
        while (Member(ref first, out var ks, out var ke, out var escaped))
        {
            var c = Peek();
            if (Is(ks, ke, escaped, Key))
            {
                if (c == '"')
                {
                    ReadString(out keyStart, out keyEnd, out keyEscaped);
                }
                else
                {
                    keyStart = -1;
                    SkipValue();
                }
            }
            else if (Is(ks, ke, escaped, Value))
            {
                hasValue = c == '{';
                if (hasValue)
                {
                    AnyValue(out intAt, out doubleAt, out stringAt);
                }
                else
                {
                    SkipValue();
                }
            }
            else
            {
                SkipValue();
            }
        }

        if (keyStart < 0 || !hasValue || _spanError is not null)
        {
            return;
        }

        for (var i = 0; i < NumberNames.Length; i++)
        {
            if (Is(keyStart, keyEnd, keyEscaped, NumberNames[i]))
            {
                var at = intAt >= 0 ? intAt : doubleAt >= 0 ? doubleAt : stringAt;
                _numbers[i] = at < 0 ? null : Whole(at, OtlpAttributeNames.Numbers[i]);
                return;
            }
        }

        for (var i = 0; i < _stringNames.Length; i++)
        {
            if (Is(keyStart, keyEnd, keyEscaped, _stringNames[i]))
            {
                _texts[i] = stringAt >= 0 && _b[stringAt] == '"' ? Text(stringAt) : null;
                FeatureSeen |= i == OtlpAttributeNames.Feature;
                return;
            }
        }

        if (_featureNamed && !FeatureSeen && OtherKeys.Count < MaxOtherKeys && _keysExamined++ < MaxKeysExamined)
        {
            OtherKeys.Add(_strings.Get(_b, keyStart, keyEnd, keyEscaped));
        }
    }

    /// <summary>An OTLP <c>AnyValue</c> object: where its <c>intValue</c>, <c>doubleValue</c> and <c>stringValue</c> start (the last of each).</summary>
    private void AnyValue(out int intAt, out int doubleAt, out int stringAt)
    {
        intAt = doubleAt = stringAt = -1;
        Enter('{');
        var first = true;
        while (Member(ref first, out var ks, out var ke, out var escaped))
        {
            if (Is(ks, ke, escaped, IntValue))
            {
                intAt = _pos;
            }
            else if (Is(ks, ke, escaped, DoubleValue))
            {
                doubleAt = _pos;
            }
            else if (Is(ks, ke, escaped, StringValue))
            {
                stringAt = _pos;
            }

            SkipValue();
        }
    }

    private long? Time(string name)
    {
        var at = _pos;
        SkipValue();
        var value = _spanError is null ? Whole(at, name) : null;
        return value is > 0 ? value : null;
    }

    private string Text(int at)
    {
        var saved = _pos;
        _pos = at;
        ReadString(out var start, out var end, out var escaped);
        _pos = saved;
        return _strings.Get(_b, start, end, escaped);
    }

    /// <summary>
    /// A token count, line or time at <paramref name="at"/> (already checked as JSON): a number or a string
    /// (64-bit integers are strings in OTLP/JSON), whole and not negative. Anything else sets the span's error.
    /// </summary>
    private long? Whole(int at, string name)
    {
        var c = _b[at];
        if (c == 'n')
        {
            return null;
        }

        string? text = null;
        if (c == '"' || c == '-' || (c >= '0' && c <= '9'))
        {
            int start, end;
            var escaped = false;
            if (c == '"')
            {
                var saved = _pos;
                _pos = at;
                ReadString(out start, out end, out escaped);
                _pos = saved;
            }
            else
            {
                start = at;
                end = at;
                while (end < _end && IsNumberByte(_b[end]))
                {
                    end++;
                }
            }

            // Plain digits, the form nearly every exporter writes: no string is made.
            if (!escaped && end > start && end - start <= 18)
            {
                long value = 0;
                var i = start;
                for (; i < end && _b[i] >= '0' && _b[i] <= '9'; i++)
                {
                    value = (value * 10) + (_b[i] - '0');
                }

                if (i == end)
                {
                    return value;
                }
            }

            text = Utf8StringCache.Decode(_b, start, end, escaped);
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) && whole >= 0)
            {
                return whole;
            }

            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 0 && number == decimal.Truncate(number) && number <= long.MaxValue)
            {
                return (long)number;
            }
        }

        var kind = c switch { (byte)'t' or (byte)'f' => "boolean", (byte)'{' => "object", (byte)'[' => "array", _ => "a value" };
        _spanError = $"'{name}' is {(text is null ? kind : "'" + Shorten(text) + "'")}, not a whole number of zero or more";
        return null;
    }

    private static bool IsNumberByte(byte c) => (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";

    // ---- JSON scanning -------------------------------------------------------------------------------

    private sealed class SyntaxError : Exception
    {
        public SyntaxError(string message)
            : base(message)
        {
        }
    }

    private SyntaxError Fail(string message) => new($"{message} at column {_pos + 1 - _lineStart}");

    private int _lineStart;

    private int Peek() => _pos < _end ? _b[_pos] : -1;

    private void Whitespace()
    {
        while (_pos < _end)
        {
            var c = _b[_pos];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            {
                return;
            }

            _pos++;
        }
    }

    private void Enter(char open)
    {
        if (Peek() != open)
        {
            throw Fail($"Expected '{open}'");
        }

        if (++_depth > MaxDepth)
        {
            throw Fail($"Nesting deeper than {MaxDepth}");
        }

        _pos++;
    }

    /// <summary>
    /// The next member of the object being read: its name, with the position at its value. False (and the
    /// object closed) after the last one. <paramref name="first"/> is true for the first call on an object.
    /// </summary>
    private bool Member(ref bool first, out int keyStart, out int keyEnd, out bool escaped)
    {
        Whitespace();
        if (first)
        {
            first = false;
            if (Peek() == '}')
            {
                _pos++;
                _depth--;
                keyStart = keyEnd = 0;
                escaped = false;
                return false;
            }
        }
        else if (Peek() == ',')
        {
            _pos++;
            Whitespace();
        }
        else if (Peek() == '}')
        {
            _pos++;
            _depth--;
            keyStart = keyEnd = 0;
            escaped = false;
            return false;
        }
        else
        {
            throw Fail("Expected ',' or '}'");
        }

        if (Peek() != '"')
        {
            throw Fail("Expected a property name");
        }

        ReadString(out keyStart, out keyEnd, out escaped);
        Whitespace();
        if (Peek() != ':')
        {
            throw Fail("Expected ':'");
        }

        _pos++;
        Whitespace();
        return true;
    }

    /// <summary>Reads every element of the array at the position, <paramref name="each"/> positioned at each.</summary>
    private void Elements(Action each)
    {
        Enter('[');
        Whitespace();
        if (Peek() == ']')
        {
            _pos++;
            _depth--;
            return;
        }

        while (true)
        {
            Whitespace();
            each();
            Whitespace();
            var c = Peek();
            if (c == ',')
            {
                _pos++;
                continue;
            }

            if (c == ']')
            {
                _pos++;
                _depth--;
                return;
            }

            throw Fail("Expected ',' or ']'");
        }
    }

    private void SkipValue()
    {
        switch (Peek())
        {
            case '{':
                Enter('{');
                var first = true;
                while (Member(ref first, out _, out _, out _))
                {
                    SkipValue();
                }

                return;
            case '[':
                Elements(_skipValue);
                return;
            case '"':
                ReadString(out _, out _, out _);
                return;
            case 't':
                Literal("true");
                return;
            case 'f':
                Literal("false");
                return;
            case 'n':
                Literal("null");
                return;
            case -1:
                throw Fail("Unexpected end of input");
            default:
                Number();
                return;
        }
    }

    private void Literal(string word)
    {
        if (_end - _pos < word.Length)
        {
            throw Fail($"Expected '{word}'");
        }

        for (var i = 0; i < word.Length; i++)
        {
            if (_b[_pos + i] != word[i])
            {
                throw Fail($"Expected '{word}'");
            }
        }

        _pos += word.Length;
    }

    private void Number()
    {
        var c = Peek();
        if (c == '-')
        {
            _pos++;
            c = Peek();
        }

        if (c < '0' || c > '9')
        {
            throw Fail(c < 0 ? "Unexpected end of input" : $"Unexpected character '{(char)c}'");
        }

        Digits();
        if (Peek() == '.')
        {
            _pos++;
            if (Peek() < '0' || Peek() > '9')
            {
                throw Fail("Expected a digit after '.'");
            }

            Digits();
        }

        if (Peek() == 'e' || Peek() == 'E')
        {
            _pos++;
            if (Peek() == '+' || Peek() == '-')
            {
                _pos++;
            }

            if (Peek() < '0' || Peek() > '9')
            {
                throw Fail("Expected an exponent");
            }

            Digits();
        }
    }

    private void Digits()
    {
        while (_pos < _end && _b[_pos] >= '0' && _b[_pos] <= '9')
        {
            _pos++;
        }
    }

    /// <summary>
    /// A string at the position: its raw bytes [start, end) between the quotes, and whether it has escapes.
    /// Most strings of a trace file (ids, names, keys) have no escape: the closing quote is found with
    /// <see cref="Array.IndexOf{T}(T[], T, int, int)"/> (vectorised), and only a string with a backslash is
    /// walked byte by byte. Raw control characters inside a string are accepted (a strict parser would not;
    /// they change no number this reader takes).
    /// </summary>
    private void ReadString(out int start, out int end, out bool escaped)
    {
        _pos++; // the opening quote
        start = _pos;
        var quote = _pos < _end ? Array.IndexOf(_b, (byte)'"', _pos, _end - _pos) : -1;
        if (quote < 0)
        {
            throw Fail("Unterminated string");
        }

        if (Array.IndexOf(_b, (byte)'\\', _pos, quote - _pos) < 0)
        {
            escaped = false;
            end = quote;
            _pos = quote + 1;
            return;
        }

        escaped = true;
        var b = _b;
        while (_pos < _end)
        {
            var c = b[_pos];
            if (c == '"')
            {
                end = _pos++;
                return;
            }

            if (c == '\\')
            {
                if (++_pos >= _end)
                {
                    break;
                }

                switch (b[_pos])
                {
                    case (byte)'"':
                    case (byte)'\\':
                    case (byte)'/':
                    case (byte)'b':
                    case (byte)'f':
                    case (byte)'n':
                    case (byte)'r':
                    case (byte)'t':
                        break;
                    case (byte)'u':
                        for (var i = 1; i <= 4; i++)
                        {
                            if (_pos + i >= _end || !IsHex(b[_pos + i]))
                            {
                                throw Fail("Bad \\u escape");
                            }
                        }

                        _pos += 4;
                        break;
                    default:
                        throw Fail($"Bad escape '\\{(char)b[_pos]}'");
                }
            }

            _pos++;
        }

        throw Fail("Unterminated string");
    }

    private static bool IsHex(byte c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

    /// <summary>Whether the raw string [start, end) is <paramref name="name"/> (a name with escapes is decoded first).</summary>
    private bool Is(int start, int end, bool escaped, byte[] name)
    {
        if (escaped)
        {
            return Utf8StringCache.Decode(_b, start, end, true) == OtlpAttributeNames.Utf8String(name);
        }

        if (end - start != name.Length)
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            if (_b[start + i] != name[i])
            {
                return false;
            }
        }

        return true;
    }
}
