using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace PromptBudget.Core.Estimation;

/// <summary>
/// The longest texts a value of a built-in type can print as in a prompt (<c>$"{n}"</c>, <c>"x" + n</c>,
/// <c>n.ToString("N2")</c>): the worst case of a segment bounded by its type. The estimator counts each with
/// the call's tokenizer and uses the largest count (<see cref="DynamicSegment.WorstCaseTexts"/>).
/// <para>
/// Culture: the text a value prints as depends on the culture of the thread that formats it. The texts cover
/// the invariant culture and these cultures as .NET 10 formats them with ICU: en-US, en-GB, en-IN, de-DE, fr-FR,
/// es-ES, it-IT, pt-BR, nl-NL, pl-PL, ru-RU, uk-UA, cs-CZ, tr-TR, sv-SE, fi-FI, da-DK, nb-NO, he-IL, ar-SA, fa-IR,
/// hi-IN, th-TH, vi-VN, id-ID, ja-JP, zh-CN, zh-TW, ko-KR. Numbers are taken with each of their signs and
/// separators (<c>-</c>, U+2212 <c>−</c>, the bidi-marked <c>؜-</c> / <c>‎-</c> / <c>‎−</c>; <c>.</c> <c>,</c>
/// <c>٫</c>; <c>,</c> U+202F <c>٬</c>), thousands grouped by three and the Indian way by two; dates in each
/// culture's general pattern (Hijri for ar-SA), with two-digit days and months and the longest day-period
/// designator. A culture outside the list may print longer text (a longer NaN symbol, another calendar).
/// </para>
/// <para>
/// Formats: none (or <c>G</c>) for every type; for numbers the standard formats <c>D</c>, <c>X</c> (integers),
/// <c>N</c>, <c>F</c>, <c>E</c>, <c>G</c> and <c>R</c> (floating point) with a precision up to 99, taken at the
/// type's extreme values; <c>o</c>, <c>s</c>, <c>u</c>, <c>r</c> for dates; <c>c</c>, <c>g</c>, <c>G</c> for
/// <c>TimeSpan</c>; <c>D</c>, <c>N</c>, <c>B</c>, <c>P</c>, <c>X</c> for <c>Guid</c>. Any other format (custom
/// formats, currency <c>C</c>, percent <c>P</c>, long date patterns) returns null: the value stays unbounded.
/// An alignment pads every text with spaces to its width.
/// </para>
/// </summary>
public static class FormattedValueTexts
{
    /// <summary>The widest alignment followed; a wider one (or a non-constant one) leaves the value unbounded.</summary>
    public const int MaxAlignment = 100_000;

    private const int MaxPrecision = 99;

    /// <summary>Type keys this class knows, as C# names them (<c>Guid</c>, <c>DateTime</c>… without namespace).</summary>
    public static readonly IReadOnlyList<string> Types = new[]
    {
        "sbyte", "byte", "short", "ushort", "int", "uint", "long", "ulong", "bool", "char", "decimal", "double", "float",
        "Guid", "DateTime", "DateTimeOffset", "TimeSpan",
    };

    // Minus sign, decimal separator, group separator, Indian grouping: one profile per distinct way the listed cultures write numbers.
    private static readonly (string Minus, string Plus, string Decimal, string Group, bool Indian)[] NumberProfiles =
    {
        ("-", "+", ".", ",", false),                          // invariant, en-US, ja-JP, zh-CN, ko-KR…
        ("-", "+", ".", ",", true),                           // en-IN, hi-IN (12,34,567.89)
        ("\u2212", "+", ",", "\u202F", false),                // sv-SE, fi-FI, nb-NO (−1 234,5), fr-FR's narrow no-break space
        ("\u061C-", "\u061C+", "\u066B", "\u066C", false),     // ar-SA
        ("\u200E\u2212", "\u200E+", "\u066B", "\u066C", false), // fa-IR
        ("\u200E-", "\u200E+", ".", ",", false),              // he-IL
    };

    // NaN and infinity symbols of the listed cultures.
    private static readonly string[] NonNumbers = { "NaN", "не число", "非數值", "ليس رقم", "epäluku", "-Infinity", "Infinity", "-∞" };

    // DateTime's default format (G) in the listed cultures at 28 Dec 2025 23:59:59 (the Hijri date widened to two digits).
    private static readonly string[] GeneralDates =
    {
        "12/28/2025 23:59:59",
        "12/28/2025 11:59:59 PM",
        "28/12/2025 11:59:59 pm",
        "28.12.2025 23:59:59",
        "28-12-2025 23:59:59",
        "2025-12-28 23:59:59",
        "28.12.2025 23.59.59",
        "2025/12/28 下午11:59:59",
        "2025. 12. 28. 오후 11:59:59",
        "29\u200F\u200F/12\u200F\u200F/1447 بعد الهجرة 11:59:59 م",
        "28/12/2568 23:59:59",
    };

    private static readonly Guid[] GuidSamples =
    {
        new("a1b2c3d4-e5f6-a7b8-c9d0-e1f2a3b4c5d6"),
        new("1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d"),
        new("ffffffff-ffff-ffff-ffff-ffffffffffff"),
        new("99999999-9999-9999-9999-999999999999"),
        new("f9e8d7c6-b5a4-9382-f1e0-d9c8b7a69584"),
    };

    /// <summary>
    /// The longest texts a value of <paramref name="type"/> (a key of <see cref="Types"/>) prints as with
    /// <paramref name="format"/> (null for none) and <paramref name="alignment"/> (0 for none); null when the
    /// type or the format is not one this class bounds.
    /// </summary>
    public static IReadOnlyList<string>? For(string type, string? format, int alignment = 0)
    {
        var texts = Unaligned(type, string.IsNullOrEmpty(format) ? null : format);
        return texts is null ? null : Align(texts, alignment);
    }

    /// <summary>
    /// An enum value: a member name, a combination of names (<c>"Read, Write"</c>) for a [Flags] enum or the
    /// <c>F</c> format, or a number for a value with no name. <paramref name="underlyingType"/> is a key of <see cref="Types"/>.
    /// </summary>
    public static IReadOnlyList<string>? ForEnum(IReadOnlyList<string> memberNames, bool flags, string underlyingType, string? format, int alignment = 0)
    {
        List<string>? texts;
        switch (string.IsNullOrEmpty(format) ? "G" : format)
        {
            case "G" or "g" or "F" or "f":
                texts = Unaligned(underlyingType, null)?.ToList();
                if (texts is null)
                {
                    return null;
                }

                texts.AddRange(memberNames);
                if (flags || format is "F" or "f")
                {
                    texts.Add(string.Join(", ", memberNames));
                }

                break;
            case "D" or "d":
                texts = Unaligned(underlyingType, null)?.ToList();
                break;
            case "X" or "x":
                texts = Unaligned(underlyingType, format)?.ToList();
                break;
            default:
                return null;
        }

        return texts is null ? null : Align(texts, alignment);
    }

    private static IReadOnlyList<string>? Unaligned(string type, string? format) => type switch
    {
        "sbyte" => Integer(format, sbyte.MinValue, sbyte.MaxValue, 1),
        "byte" => Integer(format, byte.MinValue, byte.MaxValue, 1),
        "short" => Integer(format, short.MinValue, short.MaxValue, 2),
        "ushort" => Integer(format, ushort.MinValue, ushort.MaxValue, 2),
        "int" => Integer(format, int.MinValue, int.MaxValue, 4),
        "uint" => Integer(format, uint.MinValue, uint.MaxValue, 4),
        "long" => Integer(format, long.MinValue, long.MaxValue, 8),
        "ulong" => Integer(format, ulong.MinValue, ulong.MaxValue, 8),
        // bool and char are not IFormattable: an interpolation's format is ignored.
        "bool" => new[] { "True", "False" },
        "char" => new[] { "\uFFFD", "\uFFFF", "\u0800", "\u9FFF", "\uE000", "\uA830", "~" },
        "double" => Floating(format, 17, 3, 15, Values(double.MaxValue, double.MinValue, -double.Epsilon, -1.2345678901234567E-5, -0.00012345678901234567, -123456789012345.67)),
        "float" => Floating(format, 9, 2, 9, Values(float.MaxValue, float.MinValue, -float.Epsilon, -1.2345678E-5f, -0.00012345678f, -123456789f)),
        "decimal" => Decimal(format),
        "Guid" => format is null or "D" or "d" or "N" or "n" or "B" or "b" or "P" or "p" or "X" or "x"
            ? GuidSamples.Select(g => g.ToString(format ?? "D", CultureInfo.InvariantCulture)).ToArray()
            : null,
        "DateTime" => Date(format, ""),
        "DateTimeOffset" => Date(format, " -09:30"),
        "TimeSpan" => format switch
        {
            null or "c" or "t" or "T" => new[] { "-10675199.02:48:05.4775808" },
            "g" or "G" => Numbers(new[] { "-10675199:2:48:05.4775808", "-10675199:02:48:05.4775808" }, grouped: false),
            _ => null,
        },
        _ => null,
    };

    private static IReadOnlyList<string>? Integer(string? format, IFormattable min, IFormattable max, int bytes)
    {
        if (format is null || format is "G" or "g")
        {
            return Numbers(new[] { Invariant(min, null), Invariant(max, null) }, grouped: false);
        }

        if (!TryStandard(format, out var letter, out var precision))
        {
            return null;
        }

        switch (letter)
        {
            case 'X':
                // Hex digits, letters and digits mixed (tokenizers split those apart): the width of the type or the precision.
                var width = Math.Max(precision ?? 0, bytes * 2);
                var upper = format[0] == 'X';
                return new[] { Pattern("A1", width, upper), Pattern("1A", width, upper), Pattern("F", width, upper), Pattern("9", width, upper) };
            case 'D' or 'N' or 'F' or 'E' or 'G':
                return Numbers(new[] { Invariant(min, format), Invariant(max, format) }, grouped: letter == 'N');
            default:
                return null;
        }
    }

    private static IReadOnlyList<string>? Floating(string? format, int digits, int exponentDigits, int positionalDigits, IFormattable[] extremes)
    {
        if (format is null || format is "G" or "g" or "R" or "r")
        {
            // The shortest text that round-trips (.NET Core 3.0+): up to `digits` significant digits, written out in
            // full below 10^positionalDigits and down to 0.0001, else with an exponent.
            var texts = new List<string>(NonNumbers);
            var mantissa = Digits(digits);
            texts.Add("-" + mantissa.Substring(0, 1) + "." + mantissa.Substring(1) + "E+" + new string('3', exponentDigits));
            texts.Add("-" + mantissa.Substring(0, 1) + "." + mantissa.Substring(1) + "E-" + new string('3', exponentDigits));
            for (var point = 1; point < digits; point++)
            {
                texts.Add("-" + mantissa.Substring(0, point) + "." + mantissa.Substring(point));
            }

            texts.Add("-" + mantissa.Substring(0, Math.Min(digits, positionalDigits)));
            for (var zeros = 0; zeros <= 3; zeros++)
            {
                texts.Add("-0." + new string('0', zeros) + mantissa);
            }

            return Numbers(texts, grouped: false);
        }

        if (!TryStandard(format, out var letter, out _) || letter is not ('N' or 'F' or 'E' or 'G' or 'R'))
        {
            return null;
        }

        var formatted = extremes.Select(v => Invariant(v, format)).ToList();
        formatted.AddRange(NonNumbers);
        return Numbers(formatted, grouped: letter == 'N');
    }

    private static IReadOnlyList<string>? Decimal(string? format)
    {
        if (format is null || format is "G" or "g")
        {
            // 29 significant digits, the point anywhere (scale 0–28), or a small value's leading zeros.
            var digits = Digits(29);
            var texts = new List<string> { "-" + digits };
            for (var point = 1; point < 29; point++)
            {
                texts.Add("-" + digits.Substring(0, point) + "." + digits.Substring(point));
            }

            for (var zeros = 0; zeros < 28; zeros++)
            {
                texts.Add("-0." + new string('0', zeros) + digits.Substring(0, 28 - zeros));
            }

            return Numbers(texts, grouped: false);
        }

        if (!TryStandard(format, out var letter, out _) || letter is not ('N' or 'F' or 'E' or 'G'))
        {
            return null;
        }

        var extremes = Values(decimal.MaxValue, decimal.MinValue, -0.0000000000000000000000000001m, -7.9228162514264337593543950335m);
        return Numbers(extremes.Select(v => Invariant(v, format)).ToList(), grouped: letter == 'N');
    }

    private static IReadOnlyList<string>? Date(string? format, string offset) => format switch
    {
        null or "G" => GeneralDates.Select(d => d + offset).ToArray(),
        "o" or "O" => new[] { "2025-12-28T23:59:59.9999999" + (offset.Length == 0 ? "+14:00" : "-09:30") },
        "s" => new[] { "2025-12-28T23:59:59" },
        "u" => new[] { "2025-12-28 23:59:59Z" },
        "r" or "R" => new[] { "Wed, 28 Dec 2025 23:59:59 GMT" },
        _ => null,
    };

    // Invariant texts rewritten with each profile's signs and separators.
    private static IReadOnlyList<string> Numbers(IReadOnlyList<string> invariantTexts, bool grouped)
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<string>();
        foreach (var text in invariantTexts)
        {
            foreach (var profile in NumberProfiles)
            {
                if (profile.Indian && !grouped)
                {
                    continue;
                }

                var source = profile.Indian ? IndianGrouping(text) : text;
                var builder = new StringBuilder(source.Length + 8);
                foreach (var c in source)
                {
                    builder.Append(c switch
                    {
                        '-' => profile.Minus,
                        '+' => profile.Plus,
                        '.' => profile.Decimal,
                        ',' => profile.Group,
                        _ => c.ToString(),
                    });
                }

                var variant = builder.ToString();
                if (all.Add(variant))
                {
                    ordered.Add(variant);
                }
            }
        }

        return ordered;
    }

    // 1,234,567.89 → 12,34,567.89: groups of two above the last three digits.
    private static string IndianGrouping(string text)
    {
        var point = text.IndexOf('.');
        var whole = (point < 0 ? text : text.Substring(0, point)).Replace(",", "");
        var rest = point < 0 ? "" : text.Substring(point);
        var start = 0;
        while (start < whole.Length && !char.IsDigit(whole[start]))
        {
            start++;
        }

        var sign = whole.Substring(0, start);
        var digits = whole.Substring(start);
        if (digits.Length <= 3 || digits.Any(c => !char.IsDigit(c)))
        {
            return text;
        }

        var builder = new StringBuilder();
        var head = digits.Length - 3;
        for (var i = 0; i < head; i++)
        {
            if (i > 0 && (head - i) % 2 == 0)
            {
                builder.Append(',');
            }

            builder.Append(digits[i]);
        }

        return sign + builder + "," + digits.Substring(head) + rest;
    }

    private static bool TryStandard(string format, out char letter, out int? precision)
    {
        letter = char.ToUpperInvariant(format[0]);
        precision = null;
        if (!char.IsLetter(format[0]) || format.Length > 3)
        {
            return false;
        }

        if (format.Length == 1)
        {
            return true;
        }

        if (!int.TryParse(format.Substring(1), NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p > MaxPrecision)
        {
            return false;
        }

        precision = p;
        return true;
    }

    private static IReadOnlyList<string>? Align(IReadOnlyList<string> texts, int alignment)
    {
        if (alignment == 0)
        {
            return texts;
        }

        if (alignment < -MaxAlignment || alignment > MaxAlignment)
        {
            return null;
        }

        var width = Math.Abs(alignment);
        return texts.Select(t => t.Length >= width ? t : alignment > 0 ? t.PadLeft(width) : t.PadRight(width)).ToArray();
    }

    private static string Invariant(IFormattable value, string? format)
    {
        try
        {
            return value.ToString(format, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            return value.ToString(null, CultureInfo.InvariantCulture);
        }
    }

    private static string Digits(int count)
    {
        const string source = "17976931348623157081452742373170";
        return source.Substring(0, count);
    }

    private static string Pattern(string unit, int width, bool upper)
    {
        var builder = new StringBuilder(width + unit.Length);
        while (builder.Length < width)
        {
            builder.Append(unit);
        }

        var text = builder.ToString(0, width);
        return upper ? text : text.ToLowerInvariant();
    }

    private static IFormattable[] Values(params IFormattable[] values) => values;
}
