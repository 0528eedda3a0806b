using System.Linq;
using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Reporting;

/// <summary>Issue 18 item 5: each call-site record says which exclusive branch arms of its member it sits in.</summary>
public sealed class BranchPathTests
{
    private static string Source(string body) => $$"""
        using System.Linq;
        using OpenAI.Chat;

        class Bot
        {
            static readonly ChatClient Client = new ChatClient("gpt-4o", "key");

            static string Ask(string text) => Client.CompleteChat(new ChatMessage[] { new UserChatMessage(text) }, new ChatCompletionOptions { MaxOutputTokenCount = 10 }).Value.Content[0].Text;

            string Route(int kind, bool urgent, string[] items)
            {
        {{body}}
            }
        }
        """;

    /// <summary>The branch path of the call whose prompt is <paramref name="prompt"/>.</summary>
    private static async Task<string?> BranchOf(string body, string prompt)
    {
        var (_, payload) = await AnalyzerRun.WithPayloadAsync(await AnalyzerRun.CompileAsync(Source(body)), System.Array.Empty<(string, string)>());
        return Assert.Single(payload!.Records, r => r.Preview == prompt).Branch;
    }

    private static string Call(string prompt) => "Client.CompleteChat(new ChatMessage[] { new UserChatMessage(\"" + prompt + "\") }, new ChatCompletionOptions { MaxOutputTokenCount = 10 })";

    [Fact]
    public async Task IfAndElseArmsAndAnIndependentCall()
    {
        var body = $$"""
                    {{Call("before")}};
                    if (urgent) { {{Call("then")}}; }
                    else { {{Call("else")}}; }
                    return "";
            """;

        Assert.Null(await BranchOf(body, "before"));
        Assert.Equal("if#0:0", await BranchOf(body, "then"));
        Assert.Equal("if#0:1", await BranchOf(body, "else"));
    }

    [Fact]
    public async Task NestedBranchesAreAPathOutermostFirst()
    {
        var body = $$"""
                    if (kind > 0) { }
                    if (urgent)
                    {
                        switch (kind)
                        {
                            case 1: {{Call("one")}}; break;
                            default: var x = kind > 5 ? {{Call("big")}} : {{Call("small")}}; break;
                        }
                    }
                    else if (kind < 0) { {{Call("negative")}}; }
                    return "";
            """;

        Assert.Equal("if#1:0/switch#0:0", await BranchOf(body, "one"));
        Assert.Equal("if#1:0/switch#0:1/cond#0:0", await BranchOf(body, "big"));
        Assert.Equal("if#1:0/switch#0:1/cond#0:1", await BranchOf(body, "small"));
        Assert.Equal("if#1:1/if#2:0", await BranchOf(body, "negative"));
    }

    [Fact]
    public async Task SwitchExpressionArmsAreBranches()
    {
        var body = $$"""
                    return kind switch { 0 => {{Call("zero")}}.Value.Content[0].Text, _ => {{Call("other")}}.Value.Content[0].Text };
            """;

        Assert.Equal("switch#0:0", await BranchOf(body, "zero"));
        Assert.Equal("switch#0:1", await BranchOf(body, "other"));
    }

    [Fact]
    public async Task BranchesInsideALoopOrALambdaAreNotExclusive()
    {
        var body = $$"""
                    if (urgent)
                    {
                        foreach (var item in items) { if (item.Length > 3) { {{Call("in loop")}}; } else { {{Call("in loop else")}}; } }
                        var answers = items.Select(i => i.Length > 2 ? {{Call("in lambda")}} : null).ToList();
                    }
                    return "";
            """;

        Assert.Equal("if#0:0", await BranchOf(body, "in loop"));
        Assert.Equal("if#0:0", await BranchOf(body, "in loop else"));
        Assert.Null(await BranchOf(body, "in lambda"));
    }
}
