using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Recognizers;

/// <summary>
/// A prompt call with a <c>dynamic</c> argument or client is bound at run time (an IDynamicInvocationOperation with no
/// target method): it cannot be read, and it is never skipped in silence: PB1009 says why, and its record has no model
/// and no cost, so the report counts it as incomplete.
/// </summary>
public sealed class DynamicCallTests
{
    private static string Source(string body, string members = "") => $$"""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI.Chat;

        class Bot
        {
        {{members}}
            async Task Ask(object x, IChatClient chat, dynamic anything)
            {
        {{body}}
            }
        }
        """;

    [Theory]
    [InlineData("await chat.GetResponseAsync(((dynamic)x).ToString());", "Microsoft.Extensions.AI", "an argument is dynamic")]
    [InlineData("var client = new ChatClient(\"gpt-4o\", \"key\");\n        client.CompleteChat((dynamic)x);", "OpenAI.Chat", "an argument is dynamic")]
    [InlineData("dynamic client = new ChatClient(\"gpt-4o\", \"key\");\n        client.CompleteChat(\"Hello\");", "OpenAI.Chat", "the client is 'dynamic'")]
    [InlineData("await anything.GetResponseAsync(\"Hello\");", "unknown SDK", "nothing shows its type")]
    public async Task ADynamicPromptCallIsReportedAndRecordedWithNoCost(string body, string sdk, string why)
    {
        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(new[] { Source(body) });

        var site = Assert.Single(sites);
        Assert.Null(site.Model);
        Assert.Null(site.WorstCaseCostUsd);
        Assert.Equal(sdk, site.Sdk);
        var pb1009 = Assert.Single(diagnostics, d => d.Id == "PB1009");
        var message = pb1009.GetMessage(CultureInfo.InvariantCulture);
        Assert.Contains("this call is dynamic (", message);
        Assert.Contains(why, message);
        Assert.Contains("PromptBudget cannot read it and its cost is not counted", message);
        Assert.Contains("worst case unknown per call", Assert.Single(diagnostics, d => d.Id == "PB0001").GetMessage(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("await anything.RunAsync();")]
    [InlineData("new Host().RunAsync((dynamic)x);")]
    [InlineData("anything.Create(1);")]
    public async Task ADynamicCallThatIsNotAPromptCallIsNotReported(string body)
    {
        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(new[] { Source(body, "    class Host { public Task RunAsync(object o) => Task.CompletedTask; }") });

        Assert.Empty(sites);
        Assert.DoesNotContain(diagnostics, d => d.Id.StartsWith("PB", System.StringComparison.Ordinal));
    }
}
