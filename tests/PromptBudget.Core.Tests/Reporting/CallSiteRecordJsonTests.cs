using System.Linq;
using PromptBudget.Core.Json;
using PromptBudget.Core.Reporting;
using PromptBudget.Tests.Shared;
using Xunit;

namespace PromptBudget.Core.Tests.Reporting;

public class CallSiteRecordJsonTests
{
    [Fact]
    public void A_payload_round_trips_every_field()
    {
        var json = CallSiteRecordJson.Write(FullCallSiteRecord.Create());

        var read = CallSiteRecordJson.Read(json);

        FullCallSiteRecord.AssertNoDefaults(read);
        Assert.Equal(json, CallSiteRecordJson.Write(read));
    }

    [Fact]
    public void Values_with_an_OpenTelemetry_GenAI_name_are_written_under_it()
    {
        var payload = JsonReader.Parse(CallSiteRecordJson.Write(FullCallSiteRecord.Create()));

        Assert.Equal("prod-chat", payload.GetString("gen_ai.request.model"));
        Assert.Equal("16384", payload.Get("gen_ai.request.max_tokens")!.Text);
        Assert.Equal("1234", payload.Get("gen_ai.usage.input_tokens")!.Text);
        Assert.Equal("512", payload.Get("gen_ai.usage.reasoning.output_tokens")!.Text);
        Assert.Equal("1024", payload.Get("gen_ai.usage.cache_read.input_tokens")!.Text);
        Assert.DoesNotContain(payload.Members, m => m.Key is "model" or "inputTokens" or "maxOutputTokens" or "reasoningTokens");
    }

    [Fact]
    public void Each_field_has_its_own_name_and_the_version_is_not_one_of_them()
    {
        var names = CallSiteFields.All.Select(f => f.Name).ToList();

        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.DoesNotContain(CallSiteRecordJson.VersionName, names);
    }

    [Fact]
    public void Absent_fields_read_as_the_record_defaults()
    {
        var read = CallSiteRecordJson.Read("{\"v\":1,\"gen_ai.request.model\":null,\"line\":\"not a number\"}");

        Assert.Null(read.Model);
        Assert.Equal(0, read.Line);
        Assert.Equal(1m, read.CallsPerRequest);
        Assert.Equal("code", read.ModelSource);
        Assert.Equal("unknown", read.MaxOutputSource);
        Assert.Null(read.WorstCaseCostUsd);
        Assert.Empty(read.Segments);
    }

    [Fact]
    public void Named_throws_for_a_name_that_is_not_a_field() =>
        Assert.Throws<System.ArgumentException>(() => CallSiteFields.Named(CallSiteFieldNames.Model, "model"));
}
