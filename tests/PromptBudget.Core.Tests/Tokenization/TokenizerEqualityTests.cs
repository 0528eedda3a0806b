using System.Collections.Generic;
using System.IO;
using PromptBudget.Core.Json;
using PromptBudget.Core.Tokenization;
using Xunit;

namespace PromptBudget.Core.Tests.Tokenization;

/// <summary>Microsoft.ML.Tokenizers, as PromptBudget uses it, must count exactly what tiktoken counts.</summary>
public class TokenizerEqualityTests
{
    private static readonly JsonValue Fixtures = JsonReader.Parse(File.ReadAllText(Path.Combine(System.AppContext.BaseDirectory, "Fixtures", "token-counts.json")));

    public static IEnumerable<object[]> Cases()
    {
        foreach (var item in Fixtures.Get("cases")!.Items)
        {
            yield return new object[] { item.GetString("name")!, TokenEncoding.O200kBase };
            yield return new object[] { item.GetString("name")!, TokenEncoding.Cl100kBase };
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CountEqualsTiktoken(string name, TokenEncoding encoding)
    {
        var item = Find(name);
        var expected = long.Parse(item.Get(encoding.Name())!.Text!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, TokenizerRegistry.Count(item.GetString("text")!, encoding));
    }

    [Fact]
    public void TheFixturesAreVariedAndIncludeA50KilobyteText()
    {
        var cases = Fixtures.Get("cases")!.Items;
        Assert.True(cases.Count >= 40, "at least 40 texts");
        Assert.Contains(cases, c => c.GetString("text")!.Length >= 50 * 1024);
        Assert.StartsWith("js-tiktoken", Fixtures.GetString("source"));
    }

    private static JsonValue Find(string name)
    {
        foreach (var item in Fixtures.Get("cases")!.Items)
        {
            if (item.GetString("name") == name)
            {
                return item;
            }
        }

        throw new KeyNotFoundException(name);
    }
}
