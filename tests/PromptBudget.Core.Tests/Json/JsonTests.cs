using PromptBudget.Core.Json;
using Xunit;

namespace PromptBudget.Core.Tests.Json;

public class JsonTests
{
    [Fact]
    public void ReadsEscapesAndKeepsNumberText()
    {
        var value = JsonReader.Parse("{\"a\":\"x\\n\\u00e9\\\"\",\"n\":1.25e-06,\"b\":[true,null]}");

        Assert.Equal("x\né\"", value.GetString("a"));
        Assert.Equal("1.25e-06", value.Get("n")!.Text);
        Assert.Equal(JsonKind.Null, value.Get("b")!.Items[1].Kind);
    }

    [Fact]
    public void DeepNestingIsAnErrorNotAStackOverflow()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);

        var error = Assert.Throws<JsonParseException>(() => JsonReader.Parse(deep));
        Assert.Contains("Nesting", error.Message);
    }

    [Theory]
    [InlineData("{\"a\":1,}")]
    [InlineData("{\"a\" 1}")]
    [InlineData("[1 2]")]
    [InlineData("\"unterminated")]
    [InlineData("01x")]
    public void MalformedJsonIsRejected(string text) =>
        Assert.Throws<JsonParseException>(() => JsonReader.Parse(text));

    [Fact]
    public void WriterEscapesLoneSurrogatesSoTheTextEncodesAndReadsBack()
    {
        // A C# literal may hold "\uD800" alone; written raw, a strict UTF-8 encoder (File.WriteAllText) threw and the
        // compilation's whole payload was lost (PB2003). A pair stays as it is.
        var text = "a\uD800b\uDC00c\uDC00\uD800 \uD83D\uDE00";
        var json = new JsonWriter().StartObject().Property("text", text).EndObject().ToString();

        Assert.Equal("{\"text\":\"a\\ud800b\\udc00c\\udc00\\ud800 \uD83D\uDE00\"}", json);
        Assert.Equal(json.Length + 2, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetByteCount(json));
        Assert.Equal(text, JsonReader.Parse(json).GetString("text"));
    }

    [Fact]
    public void WriterIsStableAndEscapesHtmlSensitiveCharacters()
    {
        string Write() => new JsonWriter(indented: true).StartObject().Property("text", "<script>&\"</script>").Property("cost", 0.0425m).Property("n", (long?)null).EndObject().ToString();

        var first = Write();

        Assert.Equal(first, Write());
        Assert.DoesNotContain("<", first);
        Assert.DoesNotContain(">", first);
        Assert.Contains("\\u003cscript\\u003e\\u0026\\\"", first);
        Assert.Contains("\"cost\": 0.0425", first);
        Assert.Equal("x", JsonReader.Parse(new JsonWriter().StartObject().Property("t", "x").EndObject().ToString()).GetString("t"));
    }
}
